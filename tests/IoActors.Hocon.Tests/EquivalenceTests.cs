using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Hocon.Tests.Support;
using Xunit;

namespace IoActors.Hocon.Tests;

/// <summary>Several HOCON spellings of the same data must give the same JSON.</summary>
public sealed class EquivalenceTests
{
    public static TheoryData<string, string[]> Cases => new()
    {
        {
            """{"a":{"b":1,"c":[1,2]},"d":"x y"}""",
            [
                """{"a":{"b":1,"c":[1,2]},"d":"x y"}""",
                "a { b = 1, c = [1, 2] }\nd = x y",
                "a.b = 1\na.c = [1\n2]\nd = \"x y\"",
                "a : { b : 1 }\na : { c : [1] [2] }\nd : x\" \"y",
                "a { b = 1 }\na.c += 1\na.c += 2\nd = \"\"\"x y\"\"\"",
                "# comment\n{\n  // root braces\n  a = { b = 1, c = [1,2,], },\n  d = ${x}\" \"${y}\n  x = x, y = y\n}",
            ]
        },
        {
            """{"list":["/bin","/usr/bin"]}""",
            [
                "list = [/bin, /usr/bin]",
                "list = [ /bin ]\nlist = ${list} [ /usr/bin ]",
                "list += /bin\nlist += /usr/bin",
                "list.0 = /bin\nlist.1 = /usr/bin\nlist = [] ${list}",
            ]
        },
        {
            """{"east":{"size":6,"name":"east"}}""",
            [
                "east { size = 6, name = east }",
                "east = { size = 6 } { name = east }",
                "east = { size = 6 }\neast = ${east} { name = east }",
                "east.size = 6\neast.name = west\neast.name = east",
                "east = { name = nope }\neast = null\neast = { size = 6, name = east }",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Spellings_OfSameData_GiveSameJson(string expectedJson, string[] spellings)
    {
        var expected = JsonNode.Parse(expectedJson);
        foreach (var spelling in spellings)
        {
            var config = HoconAssert.Parse(spelling);
            var actual = JsonNode.Parse(config.ToJson(false))!.AsObject();
            foreach (var extra in new[] { "x", "y" })
            {
                actual.Remove(extra);
            }

            JsonNode.DeepEquals(actual, expected).Should().BeTrue($"{spelling} gave {actual.ToJsonString()}");
        }
    }
}
