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

    private string StartingContext(string instanceId, string app) => _host.Gateway.CreateStartingContext(_host.Url, instanceId, app);

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
}
