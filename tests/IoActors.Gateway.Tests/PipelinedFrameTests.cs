using System.Text.Json.Nodes;
using FluentAssertions;
using Akka.Actor;
using IoActors.Gateway.Internal;
using IoActors.Gateway.Tests.Support;
using Xunit;

namespace IoActors.Gateway.Tests;

/// <summary>
/// A client that sends its hello and its next messages without waiting for the welcome: the frames read before the
/// login and those after it (which the read loop hands to the router directly) are served in the order sent. The
/// end-to-end test depends on timing to reach the hand-over at all, so the rule that keeps the order is also checked on
/// <see cref="DirectRoute"/> itself.
/// </summary>
public sealed class PipelinedFrameTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(o => o.Credentials.Add(new GatewayCredential("pipe", "secret")));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task HelloFollowedAtOnceByManyRequests_EveryRequestIsAnsweredInTheOrderSent()
    {
        await using var client = await RawClient.ConnectAsync(_host.Url);
        const int count = 200;

        await client.SendTextAsync("""{"type":"hello","request_id":"h","identity":{"application":"pipe-app"},"authentication":{"method":"secret","login":"pipe","secret":"secret"}}""");
        await client.SendTextAsync("""{"type":"join","domain":"global","request_id":"j","destination":"agm"}""");
        for (var i = 0; i < count; i++)
        {
            await client.SendTextAsync($$$"""{"type":"create-context","domain":"global","request_id":"c{{{i}}}","name":"pipe-{{{i}}}","data":{"i":{{{i}}}}}""");
        }

        var welcome = await client.ExpectAsync(m => m["request_id"]?.ToString() == "h", "the welcome");
        var joined = await client.ExpectAsync(m => m["request_id"]?.ToString() == "j", "the join's answer");
        var answers = new List<JsonObject>();
        while (answers.Count < count)
        {
            answers.Add(await client.ExpectAsync(m => m["type"]?.ToString() == "context-created", "a context-created"));
        }

        welcome["type"]!.ToString().Should().Be("welcome");
        joined["type"]!.ToString().Should().Be("success");
        answers.Select(a => a["request_id"]!.ToString()).Should().Equal(Enumerable.Range(0, count).Select(i => $"c{i}"));
    }

    [Fact]
    public void DirectRoute_IsTakenOnlyOnceTheActorHandledEveryFrameItWasGiven()
    {
        var route = new DirectRoute();
        route.TakeDirect().Should().BeNull("not logged in");
        route.GivenToActor();
        route.GivenToActor();
        route.GivenToActor();

        route.Handled();
        route.Open(ActorRefs.Nobody, "peer-1");
        var whileTwoWait = route.TakeDirect();
        route.Handled();
        var whileOneWaits = route.TakeDirect();
        route.Handled();
        var afterAll = route.TakeDirect();

        whileTwoWait.Should().BeNull();
        whileOneWaits.Should().BeNull();
        afterAll!.PeerId.Should().Be("peer-1");
    }
}
