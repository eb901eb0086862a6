namespace IoActors.Platform.Instances;

/// <summary>Finds the file a program name stands for, the way a process start does: no shell involved.</summary>
internal static class ExecutableLookup
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>
    /// The executable file <paramref name="fileName"/> names, in the order <see cref="System.Diagnostics.Process.Start()"/>
    /// looks on Unix: a rooted path as is; otherwise the host executable's folder, the current folder, then (for a bare
    /// name) each PATH folder. <see langword="null"/> when there is no such executable file.
    /// </summary>
    public static string? Resolve(string fileName)
    {
        if (string.IsNullOrEmpty(fileName))
        {
            return null;
        }

        if (Path.IsPathRooted(fileName))
        {
            return IsExecutable(fileName) ? fileName : null;
        }

        foreach (var folder in new[] { Path.GetDirectoryName(Environment.ProcessPath), Environment.CurrentDirectory })
        {
            if (!string.IsNullOrEmpty(folder))
            {
                var candidate = Path.GetFullPath(Path.Combine(folder, fileName));
                if (IsExecutable(candidate))
                {
                    return candidate;
                }
            }
        }

        return fileName.Contains('/') || fileName.Contains(Path.DirectorySeparatorChar) ? null : OnPath(fileName);
    }

    /// <summary>The first PATH folder's file named <paramref name="name"/> (also <c>name.exe</c> on Windows) that is executable, or <see langword="null"/>.</summary>
    public static string? OnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidateName in OperatingSystem.IsWindows() ? new[] { name, name + ".exe" } : [name])
            {
                var candidate = Path.Combine(dir, candidateName);
                if (IsExecutable(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        try
        {
            return (File.GetUnixFileMode(path) & AnyExecute) != 0;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
