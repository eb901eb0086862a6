using System.Net.WebSockets;
using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Internal;
using IoActors.Gateway.Tests.Support;
using Akka.Actor;
using Xunit;

namespace IoActors.Gateway.Tests;

/// <summary>
/// The router restarted by its supervisor (forced with <see cref="Kill"/> under a parent whose strategy restarts on
/// every failure): its clients are told to reconnect, and it comes back with the state it needs — the server peer's
/// methods and streams, so the platform methods keep working for the clients that reconnect.
/// </summary>
public sealed class RouterRestartTests : IAsyncLifetime
{
    private GatewayHost _host = null!;
    private ActorSystem _system = null!;

    public async Task InitializeAsync()
    {
        _host = await GatewayHost.StartAsync(o => o.HostedByPlatform = true);
        _host.Platform.AddApp("notes", title: "Notes");
        _system = ActorSystem.Create("router-restart", "akka.coordinated-shutdown.run-by-clr-shutdown-hook = off");
        _system.ActorOf(Props.Create(() => new RestartingParent(_host.Gateway.RouterProps, _host.Gateway.RouterName)), "platform");
        await ((IoGateway)_host.Gateway).WhenReady.WaitAsync(RawClient.Timeout);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _system.Terminate();
    }

    [Fact]
    public async Task Router_RestartedBySupervisor_ClosesClientsAsServiceRestart_AndComesBackWithThePlatformMethods()
    {
        var router = await ((IoGateway)_host.Gateway).RouterStarted.WaitAsync(RawClient.Timeout);
        await using var before = await RawClient.LoginAsync(_host, "inst-1", "app-1");
        await before.JoinAgmAsync();
        var first = await before.ExpectAsync(m => m["type"]?.ToString() == "methods-added" && m["methods"]!.AsArray().Any(x => x!["name"]!.ToString() == "T42.ACS.GetApplications"), "methods-added of the server peer");
        var serverId = first["server_id"]!.ToString();
        var platformMethods = first["methods"]!.AsArray().Select(m => m!["name"]!.ToString()).ToList();

        router.Tell(Kill.Instance, ActorRefs.NoSender);

        (await before.Closed.WaitAsync(RawClient.Timeout)).Should().Be((WebSocketCloseStatus)1012, "1012 (service restart) tells a client to reconnect");
        await using var after = await RawClient.LoginAsync(_host, "inst-1", "app-1");
        await after.JoinAgmAsync();
        var announced = await after.ExpectAsync(m => m["type"]?.ToString() == "methods-added" && m["server_id"]?.ToString() == serverId, "methods-added of the server peer");
        var methods = announced["methods"]!.AsArray().ToDictionary(m => m!["name"]!.ToString(), m => m!["id"]!.ToString());
        methods.Keys.Should().BeEquivalentTo(platformMethods, "the restarted router serves every platform method again");
        var serverAfter = serverId;
        var getApplications = methods["T42.ACS.GetApplications"];
        var reply = await after.CallAsync(serverAfter, getApplications, new JsonObject { ["skipIcon"] = true });
        reply["type"]!.ToString().Should().Be("result");
        reply["result"]!["applications"]!["notes"]!["Title"]!.ToString().Should().Be("Notes");
        var onEvent = methods["T42.ACS.OnEvent"];
        var subscribed = await after.RequestAsync(new JsonObject { ["type"] = "subscribe", ["domain"] = "agm", ["server_id"] = serverAfter, ["method_id"] = onEvent });
        subscribed["type"]!.ToString().Should().Be("subscribed");
        var snapshot = await after.ExpectTypeAsync("event");
        snapshot["data"]!["isSnapshot"]!.GetValue<bool>().Should().BeTrue();
        (await _host.Gateway.GetPeersAsync()).Select(p => p.PeerId).Should().Equal([after.PeerId], "the peers of the failed incarnation are gone");
    }

    /// <summary>Runs the router as its child and restarts it on any failure (also on <see cref="Kill"/>, which the default strategy stops).</summary>
    private sealed class RestartingParent : ReceiveActor
    {
        private readonly Props _router;
        private readonly string _name;

        public RestartingParent(Props router, string name)
        {
            _router = router;
            _name = name;
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);

        protected override void PreStart() => Context.ActorOf(_router, _name);
    }
}
