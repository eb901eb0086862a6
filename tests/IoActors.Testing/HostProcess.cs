using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace IoActors.Testing;

/// <summary>
/// The `ioactors run` executable (ioactors.dll beside the test binaries) as a real process, with an HTTP client holding
/// the API token; started until its boot completed. Also runs one-shot `ioactors` commands (<see cref="RunCommandAsync"/>).
/// </summary>
public sealed class HostProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly StringBuilder _errors;
    private List<(string Text, TaskCompletionSource Seen)> _errorWaiters = [];

    private HostProcess(Process process, HttpClient client, StringBuilder output, StringBuilder errors)
    {
        _process = process;
        Client = client;
        _output = output;
        _errors = errors;
    }

    /// <summary>An HTTP client on the host's API URL that sends the bearer token.</summary>
    public HttpClient Client { get; }

    /// <summary>The host's API URL (http://127.0.0.1:PORT, the port-0 pick resolved).</summary>
    public Uri Url => Client.BaseAddress!;

    /// <summary>The path of ioactors.dll beside the test binaries.</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "ioactors.dll");

    /// <summary>Starts `ioactors run --config <paramref name="config"/>` and waits until the URL is printed and the boot completed.</summary>
    /// <param name="config">The configuration file (relative to <paramref name="workingDirectory"/> when it is relative).</param>
    /// <param name="token">The API token the host uses (the client sends it).</param>
    /// <param name="workingDirectory">The process's working directory; the test's own when <see langword="null"/>.</param>
    /// <param name="settings">Settings passed as <c>--set key=value</c>, e.g. <c>ioactors:api:port=0</c>.</param>
    /// <returns>The running host.</returns>
    public static async Task<HostProcess> StartAsync(string config, string token, string? workingDirectory = null, IEnumerable<string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.ArgumentList.Add(Executable);
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(config);
        foreach (var setting in settings ?? [])
        {
            start.ArgumentList.Add("--set");
            start.ArgumentList.Add(setting);
        }

        var process = Process.Start(start)!;
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var booted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                url.TrySetException(new InvalidOperationException("the host exited: " + output));
                booted.TrySetException(new InvalidOperationException("the host exited: " + output));
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            const string marker = "IoActors API on ";
            if (line.StartsWith(marker, StringComparison.Ordinal))
            {
                url.TrySetResult(line[marker.Length..].Split(' ')[0]);
            }

            if (line.StartsWith("Boot completed", StringComparison.Ordinal))
            {
                booted.TrySetResult();
            }
        };
        var errors = new StringBuilder();
        var errorWaiters = new List<(string Text, TaskCompletionSource Seen)>();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
                if (e.Data is { } line)
                {
                    foreach (var waiter in errorWaiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
                    {
                        errorWaiters.Remove(waiter);
                        waiter.Seen.TrySetResult();
                    }
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var baseUrl = await url.Task.WaitAsync(StartTimeout);
            await booted.Task.WaitAsync(StartTimeout);
            var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return new HostProcess(process, client, output, errors) { _errorWaiters = errorWaiters };
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Runs a one-shot `ioactors` command (e.g. <c>dashboard --url … --token …</c>) to its end.</summary>
    /// <param name="args">The command line after ioactors.dll.</param>
    /// <returns>The exit code, stdout and stderr.</returns>
    public static async Task<(int Code, string Output, string Error)> RunCommandAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Executable);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ioactors {string.Join(' ', args)} did not exit within {StartTimeout}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>The process.</summary>
    public Process Process => _process;

    /// <summary>Everything the host wrote to stdout so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Everything the host wrote to stderr so far (the console log).</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Completes when a line of the console log (stderr) contains <paramref name="text"/>, at once if one already did.</summary>
    /// <param name="text">The text to wait for.</param>
    /// <param name="timeout">How long to wait before failing with the log so far.</param>
    /// <returns>A task that completes when the line was logged.</returns>
    public async Task WhenLoggedAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_errors)
        {
            if (_errors.ToString().Split('\n').Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                return;
            }

            _errorWaiters.Add((text, seen));
        }

        try
        {
            await seen.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the host did not log '{text}' within {timeout}; its log:\n{Errors}");
        }
    }

    /// <summary>Sends SIGTERM (what a service manager sends to stop it).</summary>
    public void Terminate()
    {
        if (kill(_process.Id, 15) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>SIGKILL: no shutdown runs. Waits for the exit only, not for the end of its output, which an app that outlives it still holds open.</summary>
    public void Kill()
    {
        _process.Kill();
        if (!_process.WaitForExit(StartTimeout))
        {
            throw new InvalidOperationException($"the host process {_process.Id} did not exit within {StartTimeout} of SIGKILL");
        }
    }

    /// <summary>Ends the host (and what it started) if it still runs.</summary>
    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
