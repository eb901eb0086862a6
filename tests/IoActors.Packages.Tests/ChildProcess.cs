using System.Diagnostics;
using System.Text;

namespace IoActors.Packages.Tests;

/// <summary>
/// A child process with its output captured line by line: waits on lines (with a timeout), on exit, and kills its whole
/// tree when disposed. <see cref="Output"/> is what it printed, for failure messages.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private readonly List<string> _lines = [];

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>Everything the process printed so far (stdout and stderr, interleaved as received), with its command line.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return $"$ {_process.StartInfo.FileName} {string.Join(' ', _process.StartInfo.ArgumentList)}{Environment.NewLine}{_output}";
            }
        }
    }

    public static ChildProcess Start(string fileName, string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // No build servers that would outlive the command (and keep its output open).
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["UseSharedCompilation"] = "false";
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to its end within the timeout; fails with its output when it times out or exits non-zero.</summary>
    public static async Task<string> RunAsync(string workingDirectory, TimeSpan timeout, string fileName, params string[] arguments)
    {
        using var child = Start(fileName, workingDirectory, arguments);
        var code = await child.WaitForExitAsync(timeout);
        if (code != 0)
        {
            throw new InvalidOperationException($"exit code {code}{Environment.NewLine}{child.Output}");
        }

        return child.Output;
    }

    /// <summary>The first line (already printed or to come) that matches; fails with the output after the timeout or when the process ends first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            var line = _lines.FirstOrDefault(match);
            if (line is not null)
            {
                return line;
            }

            _waiters.Add((match, found));
        }

        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(found.Task, exited, Task.Delay(timeout));
        if (first == found.Task)
        {
            return await found.Task;
        }

        var why = first == exited ? $"the process exited ({_process.ExitCode}) first" : $"no such line within {timeout}";
        throw new TimeoutException($"{why}{Environment.NewLine}{Output}");
    }

    /// <summary>Waits for the exit (and the end of its output) within the timeout; kills the tree and fails with the output otherwise.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"not done within {timeout}{Environment.NewLine}{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the whole tree (no-op when it has exited).</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.WaitForExit(10_000);
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            _lines.Add(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Found.TrySetResult(line);
            }
        }
    }
}
