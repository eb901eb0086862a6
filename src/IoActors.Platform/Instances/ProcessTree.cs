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
