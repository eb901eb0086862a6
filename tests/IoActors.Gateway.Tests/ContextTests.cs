using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Tests.Support;
using Xunit;

namespace IoActors.Gateway.Tests;

public sealed class ContextTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CreateSubscribeUpdateDestroy_OtherPeerSeesEachStep()
    {
        await using var a = await RawClient.LoginAsync(_host, "a", "app-a");
        await using var b = await RawClient.LoginAsync(_host, "b", "app-b");

        var created = await a.RequestAsync(new JsonObject { ["type"] = "create-context", ["domain"] = "global", ["name"] = "shared", ["data"] = new JsonObject { ["x"] = 1 }, ["lifetime"] = "retained" });
        var contextId = created["context_id"]!.ToString();
        var added = await b.ExpectAsync(m => m["type"]?.ToString() == "context-added" && m["name"]?.ToString() != "T42.Themes", "context-added of a client context");
        var subscribed = await b.RequestAsync(new JsonObject { ["type"] = "subscribe-context", ["domain"] = "global", ["context_id"] = contextId });
        var update = await a.RequestAsync(new JsonObject
        {
            ["type"] = "update-context",
            ["domain"] = "global",
            ["context_id"] = contextId,
            ["delta"] = new JsonObject { ["commands"] = new JsonArray(new JsonObject { ["type"] = "set", ["path"] = "y.z", ["value"] = 2 }) },
        });
        var updated = await b.ExpectTypeAsync("context-updated");
        await using var c = await RawClient.LoginAsync(_host, "c", "app-c");
        var late = await c.ExpectAsync(m => m["type"]?.ToString() == "context-added" && m["name"]?.ToString() != "T42.Themes", "context-added of a client context");
        var lateData = await c.RequestAsync(new JsonObject { ["type"] = "subscribe-context", ["domain"] = "global", ["context_id"] = contextId });
        var destroyed = await a.RequestAsync(new JsonObject { ["type"] = "destroy-context", ["domain"] = "global", ["context_id"] = contextId });
        var destroyedEvent = await b.ExpectTypeAsync("context-destroyed");

        created["type"]!.ToString().Should().Be("context-created");
        added["name"]!.ToString().Should().Be("shared");
        added["context_id"]!.ToString().Should().Be(contextId);
        subscribed["type"]!.ToString().Should().Be("subscribed-context");
        subscribed["data"]!["x"]!.GetValue<int>().Should().Be(1);
        update["type"]!.ToString().Should().Be("success");
        updated["updater_id"]!.ToString().Should().Be(a.PeerId);
        updated["delta"]!["commands"]![0]!["path"]!.ToString().Should().Be("y.z");
        late["name"]!.ToString().Should().Be("shared");
        lateData["data"]!["y"]!["z"]!.GetValue<int>().Should().Be(2);
        destroyed["type"]!.ToString().Should().Be("success");
        destroyedEvent["context_id"]!.ToString().Should().Be(contextId);
    }

    [Fact]
    public async Task SubscribeUnknownContext_InvalidContextError()
    {
        await using var a = await RawClient.LoginAsync(_host);

        var error = await a.RequestAsync(new JsonObject { ["type"] = "subscribe-context", ["domain"] = "global", ["context_id"] = "nope" });

        error["reason_uri"]!.ToString().Should().Be("global.errors.invalid_context");
        error["reason"]!.ToString().Should().Contain("nope");
    }

    [Fact]
    public async Task OwnershipContext_OwnerLeaves_ContextDestroyed()
    {
        var owner = await RawClient.LoginAsync(_host, "o", "owner");
        await using var watcher = await RawClient.LoginAsync(_host, "w", "watcher");
        await owner.RequestAsync(new JsonObject { ["type"] = "create-context", ["domain"] = "global", ["name"] = "mine", ["data"] = new JsonObject(), ["lifetime"] = "ownership" });
        var added = await watcher.ExpectAsync(m => m["type"]?.ToString() == "context-added" && m["name"]?.ToString() != "T42.Themes", "context-added of a client context");

        await owner.DisposeAsync();
        var destroyed = await watcher.ExpectTypeAsync("context-destroyed");

        destroyed["context_id"]!.ToString().Should().Be(added["context_id"]!.ToString());
    }

    [Fact]
    public async Task Bus_PublishToTopic_SubscriberGetsDataAndPublisherIdentity()
    {
        await using var a = await RawClient.LoginAsync(_host, "a", "publisher");
        await using var b = await RawClient.LoginAsync(_host, "b", "listener");
        await a.RequestAsync(new JsonObject { ["type"] = "join", ["destination"] = "bus" });
        await b.RequestAsync(new JsonObject { ["type"] = "join", ["destination"] = "bus" });
        var subscribed = await b.RequestAsync(new JsonObject { ["type"] = "subscribe", ["domain"] = "bus", ["topic"] = "news" });

        await a.RequestAsync(new JsonObject { ["type"] = "publish", ["domain"] = "bus", ["topic"] = "news", ["data"] = new JsonObject { ["headline"] = "hi" } });
        var e = await b.ExpectTypeAsync("event");

        e["subscription_id"]!.ToString().Should().Be(subscribed["subscription_id"]!.ToString());
        e["data"]!["headline"]!.ToString().Should().Be("hi");
        e["publisher-identity"]!["application"]!.ToString().Should().Be("publisher");
    }
}
