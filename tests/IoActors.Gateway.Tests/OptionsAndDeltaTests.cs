using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Internal;
using Xunit;

namespace IoActors.Gateway.Tests;

public sealed class OptionsAndDeltaTests
{
    [Fact]
    public void Validate_SeveralBadSettings_ReportsEveryOne()
    {
        var options = new IoGatewayOptions { MaxMessageBytes = 10, SendQueueLimit = 1, HandshakeTimeout = TimeSpan.Zero, Environment = " " };
        options.Credentials.Add(new GatewayCredential("", "x"));

        var act = () => options.Validate();

        act.Should().Throw<ArgumentException>()
            .Which.Message.Should().Contain("MaxMessageBytes is 10").And.Contain("SendQueueLimit is 1").And.Contain("HandshakeTimeout")
            .And.Contain("Credentials[0].User").And.Contain("Environment");
    }

    [Fact]
    public void Validate_Defaults_Pass()
    {
        new IoGatewayOptions().Validate();
        new IoGatewayOptions().MaxMessageBytes.Should().Be(1024 * 1024);
    }

    [Fact]
    public void Delta_Reset_ReplacesEverything()
    {
        var result = ContextDelta.Apply(new JsonObject { ["a"] = 1 }, new JsonObject { ["reset"] = new JsonObject { ["b"] = 2 } });

        result.ToJsonString().Should().Be("{\"b\":2}");
    }

    [Fact]
    public void Delta_Commands_SetAndRemoveNestedPaths()
    {
        var data = new JsonObject { ["a"] = new JsonObject { ["b"] = 1, ["c"] = 2 } };

        var result = ContextDelta.Apply(data, JsonNode.Parse("""{"commands":[{"type":"set","path":"a.d.e","value":3},{"type":"remove","path":"a.b"}]}""")!.AsObject());

        result.ToJsonString().Should().Be("{\"a\":{\"c\":2,\"d\":{\"e\":3}}}");
        data.ToJsonString().Should().Be("{\"a\":{\"b\":1,\"c\":2}}", "the stored data is not mutated in place");
    }

    [Fact]
    public void Delta_AddedUpdatedRemoved_MergesObjects()
    {
        var data = JsonNode.Parse("""{"a":{"x":1,"y":2},"b":1,"c":3}""")!.AsObject();

        var result = ContextDelta.Apply(data, JsonNode.Parse("""{"added":{"d":4},"updated":{"a":{"y":5}},"removed":["c"]}""")!.AsObject());

        result.ToJsonString().Should().Be("{\"a\":{\"x\":1,\"y\":5},\"b\":1,\"d\":4}");
    }

    [Fact]
    public void Delta_BadCommand_FormatErrorNamesIt()
    {
        var act = () => ContextDelta.Apply(new JsonObject(), JsonNode.Parse("""{"commands":[{"type":"explode","path":"a"}]}""")!.AsObject());

        act.Should().Throw<FormatException>().WithMessage("*explode*");
    }
}
