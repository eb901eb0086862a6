using System.Globalization;
using System.Runtime.InteropServices;

namespace IoActors.Host.Tests.Support;

/// <summary>Looks at processes that are not the test's children (Linux): their start time from /proc, and a wait for their exit on a pidfd.</summary>
public static class ProcessProbe
{
    /// <summary>The start time (clock ticks after boot) of the running process <paramref name="pid"/>, or <see langword="null"/> when none runs (a zombie has ended).</summary>
    public static long? StartTime(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // "pid (comm) state ppid ... starttime(22) ...": comm may hold spaces, so count after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields[0] == "Z" ? null : long.Parse(fields[19], CultureInfo.InvariantCulture);
    }

    /// <summary>Whether the process <paramref name="pid"/> that started at <paramref name="startTime"/> still runs.</summary>
    public static bool IsRunning(int pid, long startTime) => StartTime(pid) == startTime;

    /// <summary>Completes when the process <paramref name="pid"/> that started at <paramref name="startTime"/> has ended (waits on its pidfd, no polling).</summary>
    public static async Task WhenEndedAsync(int pid, long startTime, TimeSpan timeout)
    {
        var fd = pidfd_open(pid, 0);
        if (fd < 0)
        {
            // ESRCH: no such process any more.
            return;
        }

        try
        {
            // The pidfd may name a newer process with that pid: the one asked for has ended then.
            if (!IsRunning(pid, startTime))
            {
                return;
            }

            var ready = await Task.Run(() =>
            {
                var poll = new PollFd { Fd = fd, Events = 1 /* POLLIN */ };
                return Poll(ref poll, 1, (int)timeout.TotalMilliseconds);
            });
            if (ready == 0)
            {
                throw new TimeoutException($"process {pid} still runs after {timeout}");
            }
        }
        finally
        {
            _ = close(fd);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int pidfd_open(int pid, uint flags);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll(ref PollFd fds, nuint count, int timeout);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
