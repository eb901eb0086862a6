using IoActors.Platform.Events;
using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Tests.Support;
using IoActors.Platform.Boot;

namespace IoActors.Host.Tests.Compat;

/// <summary>The real @interopio/desktop client, in node apps the real platform starts at boot, releases its boot group.</summary>
public sealed class BootReadinessCompatTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task InteropReadyApp_HoldsItsBootGroupUntilTheClientConnects()
    {
        var go = Path.Combine(Path.GetTempPath(), "ioactors-go-" + Guid.NewGuid().ToString("N")[..8]);
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["first"] = CompatHost.NodeApp("first", "boot-gate.js", go, """{ "stage": "user", "priority": 10, "timeout": 60000, "waitForInitialization": "interopReady" }"""),
            ["second"] = CompatHost.NodeApp("second", "boot-gate.js", go, """{ "stage": "user", "priority": 5, "timeout": 60000, "waitForInitialization": "interopReady" }"""),
        });
        try
        {
            await using var events = host.Host.Platform.Subscribe<BootEvent>();
            using var cts = new CancellationTokenSource(Timeout);
            await using var reader = events.ReadAllAsync(cts.Token).GetAsyncEnumerator();
            await WaitStartedAsync(host, reader, "first");

            var report = await host.Host.Platform.GetBootReportAsync();
            report.Apps.Single(a => a.Name == "second").Outcome.Should().Be(AppBootOutcome.Pending, "the first app has not connected");
            report.Apps.Single(a => a.Name == "first").Outcome.Should().NotBe(AppBootOutcome.Ready);

            File.WriteAllText(go, "go");
            var order = await ReadUntilBootedAsync(reader);
            order.Should().ContainInOrder("AppBootReady:first", "AppBootRequested:second", "AppBootReady:second", "BootCompleted");
            var final = await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
            final.Apps.Should().OnlyContain(a => a.Outcome == AppBootOutcome.Ready);
            final.Apps.Single(a => a.Name == "first").ReadyAt.Should().BeOnOrBefore(final.Apps.Single(a => a.Name == "second").RequestedAt!.Value);
        }
        finally
        {
            File.Delete(go);
        }
    }

    [Fact]
    public async Task AppSignalApp_ConnectingIsNotEnough_TheGroupWaitsForSignalAppReady()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var go = Path.Combine(Path.GetTempPath(), "ioactors-go-" + tag);
        var connected = Path.Combine(Path.GetTempPath(), "ioactors-connected-" + tag);
        var signal = Path.Combine(Path.GetTempPath(), "ioactors-signal-" + tag);
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["first"] = CompatHost.NodeApp("first", "boot-gate.js", $"{go} {connected} {signal} --signal", """{ "stage": "user", "priority": 10, "timeout": 60000, "waitForInitialization": "appSignal" }"""),
            ["second"] = CompatHost.NodeApp("second", "boot-gate.js", go, """{ "stage": "user", "priority": 5, "timeout": 60000, "waitForInitialization": "interopReady" }"""),
        });
        try
        {
            await using var events = host.Host.Platform.Subscribe<BootEvent>();
            using var cts = new CancellationTokenSource(Timeout);
            await using var reader = events.ReadAllAsync(cts.Token).GetAsyncEnumerator();
            await WaitStartedAsync(host, reader, "first");

            File.WriteAllText(go, "go");
            await CompatHost.WhenFileExistsAsync(connected, Timeout);
            var report = await host.Host.Platform.GetBootReportAsync();
            report.Apps.Single(a => a.Name == "second").Outcome.Should().Be(AppBootOutcome.Pending, "the first app connected but did not signal");
            report.Apps.Single(a => a.Name == "first").Outcome.Should().Be(AppBootOutcome.Started);

            File.WriteAllText(signal, "signal");
            var order = await ReadUntilBootedAsync(reader);
            order.Should().ContainInOrder("AppBootReady:first", "AppBootRequested:second", "AppBootReady:second", "BootCompleted");
            var final = await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
            final.Apps.Should().OnlyContain(a => a.Outcome == AppBootOutcome.Ready);
        }
        finally
        {
            File.Delete(go);
            File.Delete(connected);
            File.Delete(signal);
        }
    }

    [Fact]
    public async Task PlatformStartedNodeApp_AppManagerApplications_MatchTheApi()
    {
        var output = Path.Combine(Path.GetTempPath(), "ioactors-apps-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["lister"] = CompatHost.NodeApp("lister", "list-apps.js", output),
            ["other"] = CompatHost.NodeApp("other", "boot-gate.js", output),
        });
        try
        {
            await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
            await using var events = await SseReader.OpenAsync(host.Client, "/api/events?types=InstanceStopped");
            var start = await host.Client.PostAsync("/api/instances", new StringContent("""{ "app": "lister" }""", System.Text.Encoding.UTF8, "application/json"));
            start.StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
            (await events.NextAsync()).Data.Should().Contain("lister");

            var fromClient = JsonDocument.Parse(File.ReadAllText(output)).RootElement.EnumerateArray()
                .Select(a => (a.GetProperty("name").GetString(), a.GetProperty("title").GetString())).ToList();
            var fromApi = JsonDocument.Parse(await host.Client.GetStringAsync("/api/apps")).RootElement.EnumerateArray()
                .Select(a => (a.GetProperty("name").GetString(), a.GetProperty("title").GetString())).OrderBy(a => a.Item1, StringComparer.Ordinal).ToList();
            fromApi.Should().HaveCount(2);
            fromClient.Should().Equal(fromApi);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static async Task WaitStartedAsync(CompatHost host, IAsyncEnumerator<BootEvent> reader, string app)
    {
        var report = await host.Host.Platform.GetBootReportAsync();
        if (report.Apps.Any(a => a.Name == app && a.Outcome == AppBootOutcome.Started))
        {
            return;
        }

        while (await NextAsync(reader, []))
        {
            if (reader.Current is AppBootStarted s && s.App.Name == app)
            {
                return;
            }
        }
    }

    private static async Task<List<string>> ReadUntilBootedAsync(IAsyncEnumerator<BootEvent> reader)
    {
        var order = new List<string>();
        while (await NextAsync(reader, order))
        {
            order.Add(reader.Current switch
            {
                AppBootEvent e => e.GetType().Name + ":" + e.App.Name,
                var e => e.GetType().Name,
            });
            if (reader.Current is BootCompleted or BootFailed)
            {
                break;
            }
        }

        return order;
    }

    private static async Task<bool> NextAsync(IAsyncEnumerator<BootEvent> reader, List<string> seen)
    {
        try
        {
            return await reader.MoveNextAsync();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no boot event within {Timeout}; seen so far: [{string.Join(", ", seen)}]");
        }
    }
}
