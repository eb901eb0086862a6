using System.Diagnostics;
using System.Globalization;
using System.Text;
using Akka.Event;

namespace IoActors.Platform.Instances;

/// <summary>
/// Makes app processes end with their host, even when it is killed, without putting anything between the host and the
/// app. On Linux one small process per host (the watchdog: POSIX sh, then awk) reads a pipe whose write end only the host holds.
/// The host writes <c>+pid start-time</c> when it starts an app process and <c>-pid</c> when that process ended. When the
/// host ends in any way, SIGKILL included, the kernel closes the write end; the watchdog reads end-of-file and sends
/// SIGTERM to every listed process that still runs with the start time it was listed with (a reused pid is left alone),
/// then exits. The watchdog ignores SIGHUP, SIGINT, SIGQUIT and SIGTERM (and says it is ready only then), so a Ctrl+C
/// that reaches the whole terminal's process group leaves it to watch the host's own graceful stop. Elsewhere (no /proc, /bin/sh or awk) it does nothing.
/// </summary>
internal sealed class HostExitWatchdog : IDisposable
{
    // POSIX sh and awk (dash/bash with mawk/gawk/busybox). The shell sets the ignored signals (an ignored signal stays
    // ignored across exec) and says it is ready; awk then reads the pipe a line per read (the host writes each line at
    // once), keeps the listed processes in an array, and at end-of-file signals those whose start time still matches.
    internal const string Script = """
        trap '' HUP INT QUIT TERM PIPE
        command -v awk >/dev/null 2>&1 || exit 3
        echo ready
        exec awk -v ioactors_watchdog=1 '
          $2 !~ /^[0-9]+$/ { next }
          $1 == "+" && $3 ~ /^[0-9]+$/ { w[$2] = $3; next }
          $1 == "-" { delete w[$2] }
          END {
            pids = ""
            for (pid in w) {
              stat = ""
              file = "/proc/" pid "/stat"
              if ((getline stat < file) <= 0) continue
              close(file)
              sub(/^.*\) /, "", stat)
              if (split(stat, f, " ") >= 20 && f[20] == w[pid]) pids = pids " " pid
            }
            if (pids != "") system("kill -TERM" pids " 2>/dev/null")
          }'
        """;

    private static readonly Lazy<HostExitWatchdog> SharedWatchdog = new(() => new HostExitWatchdog());

    private readonly object _gate = new();
    private readonly Dictionary<int, long> _watched = [];
    private Process? _shell;
    private StreamWriter? _input;
    private bool _disposed;
    private Process? _exited;

    /// <summary>The host's watchdog, started at first use.</summary>
    public static HostExitWatchdog Shared => SharedWatchdog.Value;

    /// <summary>Whether this system can have a watchdog (Linux with /proc and /bin/sh).</summary>
    public static bool Supported => OperatingSystem.IsLinux() && File.Exists("/bin/sh") && Directory.Exists("/proc");

    /// <summary>The watchdog process's pid while it runs, else <see langword="null"/>.</summary>
    public int? ProcessId
    {
        get
        {
            lock (_gate)
            {
                return EnsureRunning() ? _shell!.Id : null;
            }
        }
    }

    /// <summary>How many processes the watchdog holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _watched.Count;
            }
        }
    }

    /// <summary>Whether the process <paramref name="pid"/> is on the list.</summary>
    public bool IsWatched(int pid)
    {
        lock (_gate)
        {
            return _watched.ContainsKey(pid);
        }
    }

    /// <summary>Starts the host's watchdog now rather than at the first app start, and logs how app processes end with the host.</summary>
    public static void Prepare(ILoggingAdapter log)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        if (Shared.ProcessId is { } pid)
        {
            log.Debug("App processes get SIGTERM when the host ends (watchdog pid {0})", pid);
        }
        else
        {
            log.Warning("No watchdog could be started (/bin/sh, awk and /proc are needed): app processes are not signalled when the host is killed (the next start stops them from the journal, when persistence is on)");
        }
    }

    /// <summary>Lists the running process <paramref name="pid"/>: it gets SIGTERM when the host ends, unless <see cref="Forget"/> came first.</summary>
    /// <returns>Whether it is watched (false where there is no watchdog, or the process already ended).</returns>
    public bool Watch(int pid)
    {
        if (!ProcessTree.TryRead(pid, out var key, out _))
        {
            return false;
        }

        lock (_gate)
        {
            if (!EnsureRunning())
            {
                return false;
            }

            _watched[pid] = key.StartTime;
            return Send(string.Create(CultureInfo.InvariantCulture, $"+ {pid} {key.StartTime}"));
        }
    }

    /// <summary>Takes <paramref name="pid"/> off the list (its process ended).</summary>
    public void Forget(int pid)
    {
        lock (_gate)
        {
            if (_watched.Remove(pid) && _input is not null)
            {
                Send(string.Create(CultureInfo.InvariantCulture, $"- {pid} 0"));
            }
        }
    }

    /// <summary>Closes the pipe as the host's end would: the watchdog signals what it holds and exits.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _exited = _shell;
            Close(disposeProcess: false);
        }
    }

    /// <summary>Waits for the watchdog process to exit (after <see cref="Dispose"/>).</summary>
    internal Task WhenExitedAsync(CancellationToken cancellationToken)
    {
        Process? shell;
        lock (_gate)
        {
            shell = _shell ?? _exited;
        }

        return shell is null ? Task.CompletedTask : shell.WaitForExitAsync(cancellationToken);
    }

    private bool Send(string line)
    {
        try
        {
            _input!.Write(line + "\n");
            _input.Flush();
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The watchdog was killed: the next start brings a new one, told everything still watched.
            Close();
            return EnsureRunning();
        }
    }

    // Called under _gate: a running watchdog that holds every watched process, or false.
    private bool EnsureRunning()
    {
        if (_disposed || !Supported)
        {
            return false;
        }

        if (_shell is not null && !_shell.HasExited)
        {
            return true;
        }

        Close();
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            StandardInputEncoding = new UTF8Encoding(false),
            WorkingDirectory = "/",
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(Script);
        startInfo.ArgumentList.Add("ioactors-watchdog");
        try
        {
            _shell = Process.Start(startInfo);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            _shell = null;
            return false;
        }

        if (_shell is null)
        {
            return false;
        }

        // Listed only once its traps are set: a signal to the terminal's process group must not end it before that.
        if (_shell.StandardOutput.ReadLine() != "ready")
        {
            Close();
            return false;
        }

        _input = _shell.StandardInput;
        var all = new StringBuilder();
        foreach (var (pid, start) in _watched)
        {
            all.Append(CultureInfo.InvariantCulture, $"+ {pid} {start}\n");
        }

        try
        {
            _input.Write(all.ToString());
            _input.Flush();
            return true;
        }
        catch (IOException)
        {
            Close();
            return false;
        }
    }

    private void Close(bool disposeProcess = true)
    {
        try
        {
            _input?.Dispose();
        }
        catch (IOException)
        {
            // The watchdog is gone already.
        }

        _input = null;
        if (disposeProcess)
        {
            _shell?.Dispose();
        }

        _shell = null;
    }
}
