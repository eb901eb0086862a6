using System.Text;
using System.Text.Json;
using FluentAssertions;
using IoActors.Apps.Definitions;
using Xunit;

namespace IoActors.Apps.Tests.Definitions;

/// <summary>The checks of JSON text as a reader that refuses the input on its first issue (the HTTP API) uses them.</summary>
public sealed class JsonInputCheckTests
{
    private static List<JsonInputIssue>? Find(string json, int limit = int.MaxValue)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        using var document = JsonDocument.Parse(utf8);
        return JsonInputCheck.Find(document.RootElement, utf8, limit);
    }

    private static (int Line, int Column) PositionIn(string json, long offset) => new JsonLocator(Encoding.UTF8.GetBytes(json)).LineColumn(offset);

    [Fact]
    public void Find_LimitOfOne_StopsAtTheFirstIssue()
    {
        const string json = """{"a": "\udc00", "b": "\ud800", "a": 1}""";

        Find(json).Should().HaveCount(3);
        Find(json, limit: 1).Should().ContainSingle().Which.Path.Should().Equal("a");
    }

    [Fact]
    public void RefusalMessage_DuplicateKey_NamesTheKeyAsWrittenAndWhereTheFirstOneIs()
    {
        const string json = "{\"x\": {\"k\\u0041\": 1,\n  \"kA\" : 2}}";

        var issue = Find(json).Should().ContainSingle().Subject;

        issue.Raw.Should().Be("\"kA\"");
        JsonPath.Of(issue.Path).ToRootedString().Should().Be("$.x.kA");
        issue.RefusalMessage(o => PositionIn(json, o)).Should().Be("the key \"kA\" appears more than once in this object (first at line 1, column 8)");
        issue.Message(o => PositionIn(json, o).Line).Should().Be("duplicate key \"kA\" (lines 1 and 2); the last one (line 2) is used");
    }

    [Fact]
    public void RefusalMessage_UnreadableString_ShowsTheStringAsWritten()
    {
        const string json = """[{"t": "a\udc00b"}]""";

        var issue = Find(json).Should().ContainSingle().Subject;

        JsonPath.Of(issue.Path).ToRootedString().Should().Be("$[0].t");
        issue.RefusalMessage(o => PositionIn(json, o)).Should().Be(
            "the string \"a\\udc00b\" cannot be read as text: it holds an unpaired surrogate escape \\udc00 (a low surrogate without a high one before it)");
    }

    [Fact]
    public void ToRootedString_Paths_FollowJsonPath()
    {
        JsonPath.Root.ToRootedString().Should().Be("$");
        JsonPath.Of(["apps", 0, "a b"]).ToRootedString().Should().Be("$.apps[0]['a b']");
        JsonPath.Of([0, "title"]).ToRootedString().Should().Be("$[0].title");
        JsonPath.Of([0, "title"]).ToString().Should().Be("[0].title");
    }
}
