using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace IoActors.Testing.ManagerCluster;

/// <summary>One `ioactors manager run` node as a real process, started until it listens.</summary>
public sealed class ManagerNodeProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly StringBuilder _log;

    private ManagerNodeProcess(Process process, Uri url, StringBuilder log, int remotePort)
    {
        Process = process;
        Url = url;
        _log = log;
        RemotePort = remotePort;
    }

    public Process Process { get; }

    /// <summary>The node's base URL, e.g. <c>http://127.0.0.1:40123/api/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The node's Akka.Remote port.</summary>
    public int RemotePort { get; }

    /// <summary>The node's Akka address as the cluster names it.</summary>
    public string Address => $"akka.tcp://ioactors-manager@127.0.0.1:{RemotePort}";

    /// <summary>What the process wrote so far (stdout and stderr).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<ManagerNodeProcess> StartAsync(string config, int remotePort)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ioactors.dll"));
        start.ArgumentList.Add("manager");
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(config);
        var process = Process.Start(start)!;
        var url = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        void OnLine(string? line)
        {
            if (line is null)
            {
                url.TrySetException(new InvalidOperationException("the node exited before it listened:\n" + Snapshot(log)));
                return;
            }

            lock (log)
            {
                log.AppendLine(line);
            }

            const string marker = "IoActors Manager on ";
            if (line.StartsWith(marker, StringComparison.Ordinal))
            {
                url.TrySetResult(new Uri(line[marker.Length..].Split(' ')[0].TrimEnd('/') + "/"));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (log)
                {
                    log.AppendLine(line);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new ManagerNodeProcess(process, await url.Task.WaitAsync(StartTimeout), log, remotePort);
        }
        catch (Exception e)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException($"the node on remote port {remotePort} did not start: {e.Message}\n{Snapshot(log)}", e);
        }
    }

    /// <summary>SIGKILL: nothing of the node's shutdown runs. Waits for the exit.</summary>
    public void Kill()
    {
        Process.Kill();
        Process.WaitForExit();
    }

    /// <summary>SIGSTOP: the node freezes (to the others it becomes unreachable).</summary>
    public void Freeze() => Signal(19);

    /// <summary>SIGCONT: a frozen node runs again.</summary>
    public void Thaw() => Signal(18);

    /// <summary>Waits for the process to exit on its own and answers its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(cancel.Token);
        return Process.ExitCode;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }

    private void Signal(int signal)
    {
        if (kill(Process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({Process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private static string Snapshot(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
