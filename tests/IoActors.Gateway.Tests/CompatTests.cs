using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Tests.Support;
using Xunit;

namespace IoActors.Gateway.Tests;

/// <summary>Unmodified @interopio/desktop clients (node processes) against the gateway on real Kestrel.</summary>
[Collection("compat")]
public sealed class CompatTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private GatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await GatewayHost.StartAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string StartingContext(string instanceId, string app) => _host.Gateway.CreateStartingContext(_host.Url, instanceId, app).ToJsonString();

    [Fact]
    public async Task IODesktop_StartingContextOnly_ConnectsAndMarksInstanceInteropReady()
    {
        _host.Platform.AddApp("compat-app");
        var instance = _host.Platform.AddInstance("compat-app");
        var interopReady = _host.Platform.InteropReadyTask(instance.Id);

        await using var node = await NodeProcess.StartAsync("connect.js", StartingContext(instance.Id, "compat-app"));
        var connected = await node.ExpectAsync("connected");

        connected["instance"]!.ToString().Should().Be(instance.Id);
        connected["application"]!.ToString().Should().Be("compat-app");
        await interopReady.WaitAsync(Wait);
        var peers = await _host.Gateway.GetPeersAsync();
        peers.Should().Contain(p => p.InstanceId == instance.Id);
        node.CloseInput();
        await node.Exited.WaitAsync(Wait);
        node.ExitCode.Should().Be(0, node.Output);
    }

    [Fact]
    public async Task IODesktop_SignalAppReady_SignalsTheCallersInstance()
    {
        _host.Platform.AddApp("signal-app");
        var instance = _host.Platform.AddInstance("signal-app");
        var signalled = _host.Platform.AppSignalTask(instance.Id);

        await using var node = await NodeProcess.StartAsync("connect.js", StartingContext(instance.Id, "signal-app"), "--signal", "--exit");
        var reply = await node.ExpectAsync("signalled");

        await signalled.WaitAsync(Wait);
        reply["returned"]!["instanceId"]!.ToString().Should().Be(instance.Id);
        await node.Exited.WaitAsync(Wait);
        node.ExitCode.Should().Be(0, node.Output);
    }

    [Fact]
    public async Task TwoClients_MethodAndStream_Interoperate()
    {
        _host.Platform.AddApp("server-app");
        _host.Platform.AddApp("client-app");
        var serverInstance = _host.Platform.AddInstance("server-app");
        var clientInstance = _host.Platform.AddInstance("client-app");

        await using var server = await NodeProcess.StartAsync("interop-server.js", StartingContext(serverInstance.Id, "server-app"));
        await server.ExpectAsync("ready");
        await using var client = await NodeProcess.StartAsync("interop-client.js", StartingContext(clientInstance.Id, "client-app"));

        var best = await client.ExpectAsync("best");
        best["returned"]!["echo"]!["value"]!.GetValue<int>().Should().Be(42);
        best["returned"]!["caller"]!.ToString().Should().Be(clientInstance.Id);
        best["executedBy"]!.ToString().Should().Be(serverInstance.Id);
        (await client.ExpectAsync("all"))["count"]!.GetValue<int>().Should().Be(1);
        (await client.ExpectAsync("targeted"))["executedBy"]!.ToString().Should().Be(serverInstance.Id);
        var failed = await client.ExpectAsync("failed-call");
        failed["rejected"]!.GetValue<bool>().Should().BeTrue();
        failed["message"]!.ToString().Should().Contain("deliberate failure");
        var stream = await client.ExpectAsync("stream");
        stream["data"]!["tick"]!.GetValue<int>().Should().Be(1);
        stream["data"]!["for"]!.ToString().Should().Be(clientInstance.Id);
        await client.Exited.WaitAsync(Wait);
        client.ExitCode.Should().Be(0, client.Output);
    }

    [Fact]
    public async Task AppManager_FullMode_ListsImportsStartsAndStopsApps()
    {
        _host.Platform.AddApp("manager-app");
        _host.Platform.AddApp("other-app", title: "Other");
        var instance = _host.Platform.AddInstance("manager-app");
        var dir = await CompatDirectory.EnsureInstalledAsync();

        await using var node = await NodeProcess.StartAsync("app-manager.js", StartingContext(instance.Id, "manager-app"), Path.Combine(dir, "connect.js"));

        var apps = await node.ExpectAsync("apps");
        apps["names"]!.AsArray().Select(n => n!.ToString()).Should().Equal("manager-app", "other-app");
        apps["myApplication"]!.ToString().Should().Be("manager-app");
        apps["myInstance"]!.ToString().Should().Be(instance.Id);
        var imported = await node.ExpectAsync("imported");
        imported["imported"]!.AsArray().Select(n => n!.ToString()).Should().Equal("imported-app");
        imported["errors"]!.AsArray().Should().ContainSingle();
        (await node.ExpectAsync("app-added"))["title"]!.ToString().Should().Be("Imported");
        (await node.ExpectAsync("exported"))["names"]!.AsArray().Select(n => n!.ToString()).Should().Equal("imported-app");
        var started = await node.ExpectAsync("started");
        started["eventId"]!.ToString().Should().Be(started["id"]!.ToString());
        started["interop"]!.GetValue<bool>().Should().BeTrue("app.start() waits until the started app's client connected");
        started["interopInstance"]!.ToString().Should().Be(started["id"]!.ToString());
        var stopped = await node.ExpectAsync("stopped");
        stopped["id"]!.ToString().Should().Be(started["id"]!.ToString());
        stopped["remaining"]!.GetValue<int>().Should().Be(0);
        (await node.ExpectAsync("removed"))["names"]!.AsArray().Select(n => n!.ToString()).Should().Equal("manager-app", "other-app");
        await node.Exited.WaitAsync(Wait);
        node.ExitCode.Should().Be(0, node.Output);
    }

    [Fact]
    public async Task OnShuttingDown_HandlerPrevents_ExitDoesNotShutDown()
    {
        _host.Platform.AddApp("shutdown-app");
        var instance = _host.Platform.AddInstance("shutdown-app");

        await using var node = await NodeProcess.StartAsync("shutdown.js", StartingContext(instance.Id, "shutdown-app"));

        (await node.ExpectAsync("asked"))["restarting"]!.GetValue<bool>().Should().BeFalse();
        var exit = await node.ExpectAsync("exit");
        exit["returned"]!["prevented"]!.GetValue<bool>().Should().BeTrue();
        exit["returned"]!["preventedBy"]!.AsArray().Select(n => n!.ToString()).Should().Equal("shutdown-app");
        _host.Platform.ShutdownCalled.Task.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task OnShuttingDown_HandlerAllows_PlatformShutsDown()
    {
        _host.Platform.AddApp("shutdown-app");
        var instance = _host.Platform.AddInstance("shutdown-app");

        await using var node = await NodeProcess.StartAsync("shutdown.js", StartingContext(instance.Id, "shutdown-app"), "--allow");

        await node.ExpectAsync("asked");
        var exit = await node.ExpectAsync("exit");
        exit["returned"]!["prevented"]!.GetValue<bool>().Should().BeFalse();
        (await _host.Platform.ShutdownCalled.Task.WaitAsync(Wait)).Should().BeFalse("exit() is not a restart");
    }

    [Fact]
    public async Task IOConnectCore_StartingContext_InteropAndContextsWork()
    {
        var instance = _host.Platform.AddInstance("core-app");

        await using var node = await NodeProcess.StartAsync("core-connect.js", StartingContext(instance.Id, "core-app"));
        var done = await node.ExpectAsync("done");

        done["instance"]!.ToString().Should().Be(instance.Id);
        done["y"]!.GetValue<int>().Should().Be(81);
        done["context"]!["a"]!.GetValue<int>().Should().Be(1);
        done["context"]!["b"]!["c"]!.GetValue<int>().Should().Be(2);
        await node.Exited.WaitAsync(Wait);
        node.ExitCode.Should().Be(0, node.Output);
    }
}
