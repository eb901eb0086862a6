using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace IoActors.Gateway.Tests.Support;

/// <summary>A node script from tests/compat whose stdout lines are JSON events (<c>{"event": ...}</c>).</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly Channel<JsonObject> _events = Channel.CreateUnbounded<JsonObject>();
    private readonly ConcurrentQueue<string> _output = new();

    private NodeProcess(Process process)
    {
        _process = process;
    }

    public string Output => string.Join(Environment.NewLine, _output);

    public Task Exited => _process.WaitForExitAsync();

    public int ExitCode => _process.ExitCode;

    public static async Task<NodeProcess> StartAsync(string script, string? startingContext, params string[] args)
    {
        var dir = await CompatDirectory.EnsureInstalledAsync();
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(dir, script));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (startingContext is not null)
        {
            info.Environment[GatewayStartingContext.EnvironmentVariable] = startingContext;
        }
        else
        {
            info.Environment.Remove(GatewayStartingContext.EnvironmentVariable);
        }

        var node = new NodeProcess(Process.Start(info)!);
        node._process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        node._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                node._output.Enqueue("stderr: " + e.Data);
            }
        };
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        return node;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _events.Writer.TryComplete();
            return;
        }

        _output.Enqueue(line);
        if (line.StartsWith('{'))
        {
            try
            {
                _events.Writer.TryWrite(JsonNode.Parse(line)!.AsObject());
            }
            catch (System.Text.Json.JsonException)
            {
            }
        }
    }

    /// <summary>Waits for the named event; fails with the script's output if it reports an error, exits or times out.</summary>
    public async Task<JsonObject> ExpectAsync(string eventName)
    {
        using var cts = new CancellationTokenSource(Timeout);
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
                    throw new InvalidOperationException($"The node script reported an error while the test waited for '{eventName}': {e["message"]}\n{Output}");
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Timed out after {Timeout} waiting for node event '{eventName}'. Output:\n{Output}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The node script ended before reporting '{eventName}'. Output:\n{Output}");
        }
    }

    /// <summary>Closes stdin (the scripts treat that as "exit").</summary>
    public void CloseInput() => _process.StandardInput.Close();

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
