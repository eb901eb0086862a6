using IoActors.Platform.Events;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Host.Tests.Support;
using Akka.Actor;
using IoActors.Platform.Instances;
using IoActors.Platform.Shutdown;

namespace IoActors.Host.Tests.Compat;

/// <summary>
/// The real @interopio/desktop client, in node apps the real platform starts, uses app management (in-memory import,
/// start and stop, shutdown handlers) and interop between instances. What the apps observe is read from their report files.
/// </summary>
public sealed class AppManagementCompatTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string ConnectScript => Path.Combine(CompatHost.Scripts, "connect.js");

    [Fact]
    public async Task InMemoryImport_FromAPlatformStartedClient_AddsTheValidAppAndReportsTheInvalidOne()
    {
        using var reports = new CompatReports();
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["manager"] = CompatHost.NodeApp("manager", "app-manager.js", $"{ConnectScript} --import-only {reports.Argument("manager")}"),
        });
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);

        var manager = await StartInstanceAsync(host, "manager");

        var apps = await reports["manager"].NextAsync("apps");
        Strings(apps["names"]).Should().Equal("manager");
        apps["myApplication"]!.ToString().Should().Be("manager");
        apps["myInstance"]!.ToString().Should().Be(manager, "the client knows the instance id the platform gave it");
        var imported = await reports["manager"].NextAsync("imported");
        Strings(imported["imported"]).Should().Equal("imported-app");
        var error = imported["errors"]!.AsArray().Should().ContainSingle("the nameless definition is invalid").Subject!.AsObject();
        error["error"]!.ToString().Should().NotBeNullOrWhiteSpace();
        var added = await reports["manager"].NextAsync("app-added");
        added["name"]!.ToString().Should().Be("imported-app");
        added["title"]!.ToString().Should().Be("Imported");
        Strings((await reports["manager"].NextAsync("exported"))["names"]).Should().Equal("imported-app");

        var fromApi = JsonNode.Parse(await host.Client.GetStringAsync("/api/apps"))!.AsArray().Select(a => a!.AsObject()).ToList();
        fromApi.Select(a => a["name"]!.ToString()).Should().BeEquivalentTo(["manager", "imported-app"], "the invalid definition is not registered");
        var app = fromApi.Single(a => a["name"]!.ToString() == "imported-app");
        app["title"]!.ToString().Should().Be("Imported");
        app["type"]!.ToString().Should().Be("node");
        app["store"]!.ToString().Should().BeEquivalentTo("inMemory");
        JsonNode.Parse(await host.Client.GetStringAsync("/api/apps/export"))!.AsArray().Select(d => d!["name"]!.ToString()).Should().Equal("imported-app");
        var registered = await host.Host.Platform.AppManager.ApplicationAsync("imported-app");
        registered.Should().NotBeNull();
        registered!.Definition.Title.Should().Be("Imported");
    }

    [Fact]
    public async Task ApplicationStart_FromAPlatformStartedClient_StartsARealInstance_AndInstanceStopEndsIt()
    {
        using var reports = new CompatReports();
        var child = reports["child"];
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["manager"] = CompatHost.NodeApp("manager", "app-manager.js", $"{ConnectScript} --child-report={child.Path} --before-stop={reports.Gate("stop")} {reports.Argument("manager")}"),
        });
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        await using var stoppedEvents = host.Host.Platform.Subscribe<InstanceStopped>();

        var manager = await StartInstanceAsync(host, "manager");
        await reports["manager"].NextAsync("app-added");

        var started = await reports["manager"].NextAsync("started");
        var id = started["id"]!.ToString();
        started["eventId"]!.ToString().Should().Be(id, "onInstanceStarted fired for the started instance");
        started["interop"]!.GetValue<bool>().Should().BeTrue("start() resolves once the started app's client connected");
        started["interopInstance"]!.ToString().Should().Be(id);
        started["startedBy"]!["instanceID"]!.ToString().Should().Be(manager);
        started["startedBy"]!["applicationName"]!.ToString().Should().Be("manager");
        started["startedBy"]!["startedBy"]!.ToString().Should().Be("application");

        var connected = await child.NextAsync("connected");
        connected["instance"]!.ToString().Should().Be(id, "the started app's own client connected as that instance");
        connected["application"]!.ToString().Should().Be("imported-app");
        var listed = JsonNode.Parse(await host.Client.GetStringAsync("/api/instances?app=imported-app"))!.AsArray();
        var instance = listed.Should().ContainSingle().Subject!.AsObject();
        instance["id"]!.ToString().Should().Be(id);
        instance["state"]!.ToString().Should().Be("running");
        instance["startedBy"]!["instanceId"]!.ToString().Should().Be(manager);
        var pid = instance["processId"]!.GetValue<int>();
        using var process = Process.GetProcessById(pid);
        process.HasExited.Should().BeFalse();
        connected["pid"]!.GetValue<int>().Should().Be(pid, "the listed process is the one whose client connected");

        reports.Open("stop");
        var stopped = await reports["manager"].NextAsync("stopped");
        stopped["id"]!.ToString().Should().Be(id, "onInstanceStopped fired for the stopped instance");
        stopped["remaining"]!.GetValue<int>().Should().Be(0);
        var platformStopped = await NextStoppedAsync(stoppedEvents, id);
        platformStopped.Requested.Should().BeTrue();
        await process.WaitForExitAsync().WaitAsync(Timeout);
        JsonNode.Parse(await host.Client.GetStringAsync("/api/instances?app=imported-app"))!.AsArray().Should().BeEmpty();
        (await host.Client.GetAsync("/api/instances/" + id)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        Strings((await reports["manager"].NextAsync("removed"))["names"]).Should().Equal("manager");
        (await NextStoppedAsync(stoppedEvents, manager)).Exit!.ExitCode.Should().Be(0, "the manager script ran to its end");
    }

    [Fact]
    public async Task ShuttingDownHandler_PreventsExit_ThePlatformKeepsRunning()
    {
        using var reports = new CompatReports();
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["shutdown"] = CompatHost.NodeApp("shutdown", "shutdown.js", reports.Argument("shutdown")),
        });
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        await using var shutdownEvents = host.Host.Platform.Subscribe<ShutdownEvent>();
        await using var stoppedEvents = host.Host.Platform.Subscribe<InstanceStopped>();

        var app = await StartInstanceAsync(host, "shutdown");

        (await reports["shutdown"].NextAsync("asked"))["restarting"]!.GetValue<bool>().Should().BeFalse();
        var exit = await reports["shutdown"].NextAsync("exit");
        exit["returned"]!["prevented"]!.GetValue<bool>().Should().BeTrue();
        Strings(exit["returned"]!["preventedBy"]).Should().Equal("shutdown");

        // The script ends after exit() returned; the platform outlives it.
        (await NextStoppedAsync(stoppedEvents, app)).Exit!.ExitCode.Should().Be(0);
        host.Host.WhenTerminated.IsCompleted.Should().BeFalse();
        (await host.Client.GetAsync("/api/instances")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.Client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        var events = Drain(shutdownEvents);
        events.OfType<InstancesStoppedForShutdown>().Should().BeEmpty("the prevented shutdown stopped no instance");
        events.OfType<ShutdownRequested>().Should().HaveSameCount(events.OfType<ShutdownPrevented>(), "a shutdown the platform began was prevented too");
        host.Host.WhenTerminated.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task ShuttingDownHandler_AllowsExit_ThePlatformShutsDown()
    {
        using var reports = new CompatReports();
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["shutdown"] = CompatHost.NodeApp("shutdown", "shutdown.js", "--allow " + reports.Argument("shutdown")),
        });
        var booted = host.Host.Platform.WhenBooted;
        await booted.WaitAsync(Timeout);
        await using var shutdownEvents = host.Host.Platform.Subscribe<ShutdownEvent>();
        await using var stoppedEvents = host.Host.Platform.Subscribe<InstanceStopped>();

        var app = await StartInstanceAsync(host, "shutdown");

        (await reports["shutdown"].NextAsync("asked"))["restarting"]!.GetValue<bool>().Should().BeFalse();
        await host.Host.WhenTerminated.WaitAsync(Timeout);

        var events = Drain(shutdownEvents);
        events.OfType<ShutdownRequested>().Should().ContainSingle().Which.Should().Match<ShutdownRequested>(r => !r.Restarting && r.Initiator == "gateway");
        events.OfType<InstancesStoppedForShutdown>().Should().ContainSingle().Which.StoppedInstances.Should().Be(1);
        events.Should().NotContain(e => e.Restarting, "exit() is not a restart");
        host.Host.Platform.WhenBooted.Should().BeSameAs(booted, "a restart would have begun a new boot");
        var stopped = await NextStoppedAsync(stoppedEvents, app);
        stopped.Requested.Should().BeTrue("the shutdown stopped the app's process");
        stopped.Exit.Should().NotBeNull();
    }

    [Fact]
    public async Task PlatformStartedClients_Interoperate_WithThePlatformsInstanceIds()
    {
        using var reports = new CompatReports();
        const string boot = """{ "stage": "user", "priority": 10, "timeout": 60000, "waitForInitialization": "interopReady" }""";
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["server-a"] = CompatHost.NodeApp("server-a", "interop-server.js", reports.Argument("server-a"), boot),
            ["server-b"] = CompatHost.NodeApp("server-b", "interop-server.js", reports.Argument("server-b"), boot),
            ["client"] = CompatHost.NodeApp("client", "interop-client.js", reports.Argument("client")),
        });
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        await using var stoppedEvents = host.Host.Platform.Subscribe<InstanceStopped>();

        var instances = await host.Host.Platform.AppManager.InstancesAsync();
        var serverA = await ReadyServerAsync(reports["server-a"], instances.Single(i => i.AppName == "server-a"));
        var serverB = await ReadyServerAsync(reports["server-b"], instances.Single(i => i.AppName == "server-b"));
        var client = await StartInstanceAsync(host, "client");
        var report = reports["client"];

        (await report.NextAsync("connected"))["instance"]!.ToString().Should().Be(client);
        var best = await report.NextAsync("best");
        best["returned"]!["echo"]!["value"]!.GetValue<int>().Should().Be(42);
        best["returned"]!["caller"]!.ToString().Should().Be(client, "the executor sees the caller's platform instance id");
        var bestServer = best["executedBy"]!.ToString();
        bestServer.Should().BeOneOf(serverA, serverB);
        best["returned"]!["servedBy"]!.ToString().Should().Be(bestServer);

        var all = await report.NextAsync("all");
        all["count"]!.GetValue<int>().Should().Be(2);
        Strings(all["executedBy"]).Should().BeEquivalentTo([serverA, serverB]);
        all["returned"]!.AsArray().Select(r => r!["echo"]!["value"]!.GetValue<int>()).Should().Equal(7, 7);

        var targeted = await report.NextAsync("targeted");
        targeted["executedBy"]!.ToString().Should().Be(bestServer);
        var each = targeted["each"]!.AsArray().Select(t => (Requested: t!["requested"]!.ToString(), By: t["executedBy"]!.ToString(), Served: t["servedBy"]!.ToString())).ToList();
        each.Select(t => t.Requested).Should().BeEquivalentTo([serverA, serverB]);
        each.Should().OnlyContain(t => t.By == t.Requested && t.Served == t.Requested, "a call aimed at one instance runs there");

        var failed = await report.NextAsync("failed-call");
        failed["rejected"]!.GetValue<bool>().Should().BeTrue();
        failed["message"]!.ToString().Should().Contain("deliberate failure");

        var stream = await report.NextAsync("stream");
        stream["data"]!["tick"]!.GetValue<int>().Should().Be(1);
        stream["data"]!["for"]!.ToString().Should().Be(client, "the stream's publisher sees the subscriber's platform instance id");
        stream["data"]!["from"]!.ToString().Should().BeOneOf(serverA, serverB);

        (await NextStoppedAsync(stoppedEvents, client)).Exit!.ExitCode.Should().Be(0, "the client script ran to its end");
    }

    private static async Task<string> ReadyServerAsync(ReportFile report, InstanceInfo instance)
    {
        instance.StartedBy.Kind.Should().Be(StartedByKind.AutoStart);
        var ready = await report.NextAsync("ready");
        ready["instance"]!.ToString().Should().Be(instance.Id, "the server connected as the instance the platform started at boot");
        ready["pid"]!.GetValue<int>().Should().Be(instance.ProcessId);
        return instance.Id;
    }

    [Fact]
    public async Task ShuttingDownHandler_IsAskedByAnApiShutdown_AndItsPreventHolds()
    {
        using var reports = new CompatReports();
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["guard"] = CompatHost.NodeApp("guard", "shutdown.js", "--stay " + reports.Argument("guard")),
        });
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        var app = await StartInstanceAsync(host, "guard");
        await reports["guard"].NextAsync("registered");

        using var response = await host.Client.PostAsync("/api/shutdown?reason=maintenance", null);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body["prevented"]!.GetValue<bool>().Should().BeTrue();
        Strings(body["preventedBy"]).Should().Equal("io.Connect clients");
        (await reports["guard"].NextAsync("asked"))["restarting"]!.GetValue<bool>().Should().BeFalse();
        host.Host.WhenTerminated.IsCompleted.Should().BeFalse();
        (await host.Client.GetAsync($"/api/instances/{app}")).StatusCode.Should().Be(HttpStatusCode.OK, "the guard still runs");
    }

    [Fact]
    public async Task ShuttingDownHandler_IsAskedByAnApiRestart_AndAllowingItRestartsThePlatform()
    {
        using var reports = new CompatReports();
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["guard"] = CompatHost.NodeApp("guard", "shutdown.js", "--allow --stay " + reports.Argument("guard")),
        });
        var firstBoot = host.Host.Platform.WhenBooted;
        await firstBoot.WaitAsync(Timeout);
        await using var stoppedEvents = host.Host.Platform.Subscribe<InstanceStopped>();
        var app = await StartInstanceAsync(host, "guard");
        await reports["guard"].NextAsync("registered");

        using var response = await host.Client.PostAsync("/api/restart", null);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["prevented"]!.GetValue<bool>().Should().BeFalse();
        (await reports["guard"].NextAsync("asked"))["restarting"]!.GetValue<bool>().Should().BeTrue();
        (await NextStoppedAsync(stoppedEvents, app)).Requested.Should().BeTrue("the restart stops every instance");
        host.Host.Platform.WhenBooted.Should().NotBeSameAs(firstBoot);
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        host.Host.WhenTerminated.IsCompleted.Should().BeFalse("a restart keeps the platform process");
    }

    /// <summary>Starts an instance of <paramref name="app"/> through the HTTP API; returns its id.</summary>
    private static async Task<string> StartInstanceAsync(CompatHost host, string app)
    {
        using var response = await host.Client.PostAsync("/api/instances", new StringContent(new JsonObject { ["app"] = app }.ToJsonString(), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        var instance = JsonNode.Parse(body)!;
        instance["processId"]!.GetValue<int>().Should().BePositive("a node app runs in its own process");
        return instance["id"]!.ToString();
    }

    private static async Task<InstanceStopped> NextStoppedAsync(EventSubscription<InstanceStopped> events, string instanceId)
    {
        var seen = new List<string>();
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await foreach (var e in events.ReadAllAsync(cts.Token))
            {
                if (e.InstanceId == instanceId)
                {
                    return e;
                }

                seen.Add(e.InstanceId);
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException($"no stop of instance {instanceId} on the event stream (limit {Timeout}); stops seen: [{string.Join(", ", seen)}]");
    }

    private static List<ShutdownEvent> Drain(EventSubscription<ShutdownEvent> events)
    {
        var list = new List<ShutdownEvent>();
        while (events.Reader.TryRead(out var e))
        {
            list.Add(e);
        }

        return list;
    }

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.ToString())];
}
