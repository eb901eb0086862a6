using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Tests.Support;
using Xunit;

namespace IoActors.Gateway.Tests;

/// <summary>T42.ACS.RegisterInstance from a client the platform did not start (secret login), over the fake platform.</summary>
public sealed class RegisterInstanceTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await GatewayHost.StartAsync(o => o.Credentials.Add(new GatewayCredential("someone", "secret")));
        _host.Platform.AddApp("outside");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RegisterInstance_WithoutAProcessId_TiesThePeerToTheInstanceItGoesBy_AndItsDisconnectEndsIt()
    {
        var stopped = new TaskCompletionSource<GatewayInstance>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = _host.Platform.Subscribe(e =>
        {
            if (e is GatewayInstanceStopped s)
            {
                stopped.TrySetResult(s.Instance);
            }
        });
        var client = await LoginWithSecretAsync();
        var own = client.Welcome!["resolved_identity"]!["instance"]!.ToString();
        own.Should().MatchRegex("^[0-9a-f]{32}$", "a client the platform did not start gets an instance id of its own");
        await client.JoinAgmAsync();
        var (serverId, methodId) = await client.ExpectMethodAsync("T42.ACS.RegisterInstance");

        var reply = await client.CallAsync(serverId, methodId, new JsonObject { ["appName"] = "outside" });

        reply["result"]!["id"]!.ToString().Should().Be(own, "the instance takes the id the client already goes by");
        var peer = (await _host.Gateway.GetPeersAsync()).Should().ContainSingle().Subject;
        peer.InstanceId.Should().Be(own);
        peer.Identity["application"]!.ToString().Should().Be("outside");
        await client.DisposeAsync();
        (await stopped.Task.WaitAsync(RawClient.Timeout)).Id.Should().Be(own, "an instance without a process ends with its connection");
    }

    [Fact]
    public async Task RegisterInstance_FromAPlatformStartedClient_IsRefused()
    {
        await using var client = await RawClient.LoginAsync(_host, "started-1", "outside");
        await client.JoinAgmAsync();
        var (serverId, methodId) = await client.ExpectMethodAsync("T42.ACS.RegisterInstance");

        var reply = await client.CallAsync(serverId, methodId, new JsonObject { ["appName"] = "outside", ["pid"] = 1 });

        reply["type"]!.ToString().Should().Be("error");
        reply["reason"]!.ToString().Should().Contain("already is instance 'started-1'");
    }

    private async Task<RawClient> LoginWithSecretAsync()
    {
        var client = await RawClient.ConnectAsync(_host.Url);
        var welcome = await client.RequestAsync(new JsonObject
        {
            ["type"] = "hello",
            ["identity"] = new JsonObject { ["application"] = "outside" },
            ["authentication"] = new JsonObject { ["method"] = "secret", ["login"] = "someone", ["secret"] = "secret" },
        });
        welcome["type"]!.ToString().Should().Be("welcome");
        client.LoggedIn(welcome);
        return client;
    }
}
