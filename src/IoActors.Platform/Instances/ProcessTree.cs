using System.Globalization;

namespace IoActors.Platform.Instances;

/// <summary>
/// Reads the process tree from /proc (Linux) so a stop can reach descendants that the root's exit orphans
/// (<see cref="System.Diagnostics.Process.Kill(bool)"/> only finds children while their parent lives).
/// Elsewhere it knows nothing and the callers fall back to <c>Kill(entireProcessTree: true)</c>.
/// </summary>
internal static class ProcessTree
{
    /// <summary>A process identified by its pid and start time (so a reused pid is never mistaken for it).</summary>
    public readonly record struct ProcessKey(int Pid, long StartTime);

    /// <summary>The descendants of <paramref name="rootPid"/> (children, grandchildren…), or empty when /proc is not available.</summary>
    public static IReadOnlyList<ProcessKey> Descendants(int rootPid)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc"))
        {
            return [];
        }

        var byParent = new Dictionary<int, List<ProcessKey>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            if (TryReadStat(pid, out var state, out var ppid, out var start) && state != 'Z')
            {
                if (!byParent.TryGetValue(ppid, out var list))
                {
                    byParent[ppid] = list = [];
                }

                list.Add(new ProcessKey(pid, start));
            }
        }

        var result = new List<ProcessKey>();
        var queue = new Queue<int>();
        queue.Enqueue(rootPid);
        var seen = new HashSet<int> { rootPid };
        while (queue.Count > 0)
        {
            if (byParent.TryGetValue(queue.Dequeue(), out var children))
            {
                foreach (var child in children)
                {
                    if (seen.Add(child.Pid))
                    {
                        result.Add(child);
                        queue.Enqueue(child.Pid);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Whether <paramref name="process"/> still runs (exists, is not a zombie, and has the same start time).</summary>
    public static bool IsAlive(ProcessKey process) =>
        TryReadStat(process.Pid, out var state, out _, out var start) && state != 'Z' && start == process.StartTime;

    /// <summary>
    /// Reads the running process <paramref name="pid"/> (Linux): its key (pid and start time) and its parent's pid.
    /// <see langword="false"/> when there is no such process, it is a zombie, or /proc is not available.
    /// </summary>
    public static bool TryRead(int pid, out ProcessKey process, out int parentPid)
    {
        process = default;
        parentPid = 0;
        if (!OperatingSystem.IsLinux() || pid <= 0 || !TryReadStat(pid, out var state, out parentPid, out var start) || state == 'Z')
        {
            return false;
        }

        process = new ProcessKey(pid, start);
        return true;
    }

    /// <summary>Sends <paramref name="signal"/> to each of <paramref name="processes"/> that still runs with its start time (a reused pid is skipped).</summary>
    public static void Signal(IEnumerable<ProcessKey> processes, int signal)
    {
        foreach (var process in processes)
        {
            if (IsAlive(process))
            {
                PosixSignals.Send(process.Pid, signal);
            }
        }
    }

    /// <summary>This machine boot's random ID (<c>/proc/sys/kernel/random/boot_id</c>), or an empty string where there is none; start times only compare within one boot.</summary>
    public static string BootId()
    {
        try
        {
            return OperatingSystem.IsLinux() ? File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim() : string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    /// <summary>Whether any process with <paramref name="pid"/> runs (exists and is not a zombie). Linux only; elsewhere uses <see cref="System.Diagnostics.Process.GetProcessById(int)"/>.</summary>
    public static bool IsAlive(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return TryReadStat(pid, out var state, out _, out _) && state != 'Z';
        }

        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryReadStat(int pid, out char state, out int ppid, out long startTime)
    {
        state = '?';
        ppid = 0;
        startTime = 0;
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        // "pid (comm) state ppid ..." — comm may contain spaces and parentheses, so split after the last ')'.
        var close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length)
        {
            return false;
        }

        var fields = text[(close + 2)..].Split(' ');
        if (fields.Length < 20)
        {
            return false;
        }

        state = fields[0].Length > 0 ? fields[0][0] : '?';
        _ = int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out ppid);
        _ = long.TryParse(fields[19], NumberStyles.Integer, CultureInfo.InvariantCulture, out startTime);
        return true;
    }
}
