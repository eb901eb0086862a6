using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace IoActors.Benchmarks.Gateway;

/// <summary>
/// One long-lived process of <c>interop-roundtrip.js</c>: commands are written to its stdin, one JSON line each, and
/// its events are read from stdout, one JSON line each. A timeout, an <c>error</c> event or the process ending fails
/// the wait with the script's recent output (stderr included), so a benchmark never hangs on a dead client.
/// </summary>
public sealed class NodeDriver : IAsyncDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly string _name;
    private readonly Channel<JsonObject> _events = Channel.CreateUnbounded<JsonObject>();
    private readonly ConcurrentQueue<string> _output = new();

    private NodeDriver(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    /// <summary>Starts <paramref name="script"/> with <paramref name="role"/> and waits for its <c>ready</c> event.</summary>
    /// <param name="script">The driver script.</param>
    /// <param name="role">Its role argument (<c>server</c> or <c>caller</c>).</param>
    /// <param name="environment">Environment variables to set.</param>
    /// <param name="timeout">How long the start may take.</param>
    public static async Task<NodeDriver> StartAsync(string script, string role, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.GetDirectoryName(script)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(role);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var node = new NodeDriver(Process.Start(info) ?? throw new InvalidOperationException("could not start node"), $"node {Path.GetFileName(script)} {role}");
        node._process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        node._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                node.Keep("stderr: " + e.Data);
            }
        };
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        try
        {
            await node.ExpectAsync("ready", timeout);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>The CPU time the process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Sends one command line and returns the next <c>result</c> event.</summary>
    /// <param name="command">The command (serialized on one line).</param>
    /// <param name="timeout">How long the answer may take.</param>
    public async Task<JsonObject> RequestAsync(JsonObject command, TimeSpan timeout)
    {
        await _process.StandardInput.WriteLineAsync(command.ToJsonString());
        await _process.StandardInput.FlushAsync();
        return await ExpectAsync("result", timeout);
    }

    private async Task<JsonObject> ExpectAsync(string eventName, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(cts.Token);
                var name = e["event"]?.ToString();
                if (name == eventName)
                {
                    return e;
                }

                if (name == "error")
                {
                    throw new InvalidOperationException($"{_name} failed while the benchmark waited for '{eventName}': {e["message"]}\n{Output()}");
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_name} did not report '{eventName}' within {timeout.TotalSeconds:0} s. Output:\n{Output()}");
        }
        catch (ChannelClosedException)
        {
            // Stdout closed: the process is gone or going; its exit code and remaining stderr make the message.
            _process.WaitForExit(2000);
            var code = _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none yet";
            throw new InvalidOperationException($"{_name} ended (exit code {code}) before reporting '{eventName}'. Output:\n{Output()}");
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _events.Writer.TryComplete();
            return;
        }

        Keep(line);
        if (line.StartsWith('{'))
        {
            try
            {
                _events.Writer.TryWrite(JsonNode.Parse(line)!.AsObject());
            }
            catch (System.Text.Json.JsonException)
            {
                // Not one of the driver's events (e.g. a library log line): kept in the output only.
            }
        }
    }

    private void Keep(string line)
    {
        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }

    private string Output() => string.Join(Environment.NewLine, _output);

    /// <summary>Closes stdin (the script exits on that) and kills the process if it is still running after 2 s.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    await _process.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
