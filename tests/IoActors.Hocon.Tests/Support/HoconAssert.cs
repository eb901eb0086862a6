using System.Text.Json.Nodes;
using FluentAssertions;

namespace IoActors.Hocon.Tests.Support;

/// <summary>Parses HOCON and compares the resolved tree with expected JSON, structurally.</summary>
internal static class HoconAssert
{
    public static readonly HoconParseOptions NoEnvironment = new() { EnvironmentVariables = _ => null };

    public static HoconConfig Parse(string hocon, IReadOnlyDictionary<string, string>? environment = null) =>
        HoconConfig.Parse(hocon, null, environment is null ? NoEnvironment : new HoconParseOptions { EnvironmentVariables = name => environment.GetValueOrDefault(name) });

    public static void ParsesTo(string hocon, string expectedJson, IReadOnlyDictionary<string, string>? environment = null)
    {
        var actual = Parse(hocon, environment).ToJson(indented: false);
        var expected = JsonNode.Parse(expectedJson);
        JsonNode.DeepEquals(JsonNode.Parse(actual), expected).Should().BeTrue($"'{hocon}' should parse to {expected!.ToJsonString()} but was {actual}");
    }

    public static HoconException Fails(string hocon)
    {
        var act = () => Parse(hocon);
        return act.Should().Throw<HoconException>().Which;
    }
}
