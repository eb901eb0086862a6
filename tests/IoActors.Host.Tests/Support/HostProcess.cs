using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace IoActors.Host.Tests.Support;

/// <summary>The `ioactors run` executable as a real process, with its HTTP client; started until its boot completed.</summary>
public sealed class HostProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly StringBuilder _errors;

    private HostProcess(Process process, HttpClient client, StringBuilder output, StringBuilder errors)
    {
        _process = process;
        Client = client;
        _output = output;
        _errors = errors;
    }

    public HttpClient Client { get; }

    public static async Task<HostProcess> StartAsync(string config, string token)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ioactors.dll"));
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(config);
        var process = Process.Start(start)!;
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var booted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        var errors = new StringBuilder();
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
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (output)
                {
                    errors.AppendLine(line);
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
            return new HostProcess(process, client, output, errors);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
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

    /// <summary>Everything the host wrote to stderr so far (its console log lines).</summary>
    public string Errors
    {
        get
        {
            lock (_output)
            {
                return _errors.ToString();
            }
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

    /// <summary>SIGKILL: no shutdown runs.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

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
