using System.Text;
using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Tests.Definitions.Support;
using Xunit;

namespace IoActors.Apps.Tests.Definitions;

public sealed class ParsingTests
{
    [Fact]
    public void ReadJson_CommentsAndTrailingCommas_AreAccepted()
    {
        const string json = """
            // a comment
            [
              /* block */ { "name": "a", "type": "window", "details": { "url": "https://x", }, },
            ]
            """;

        var result = Json.Read(json);

        result.Problems.Should().BeEmpty();
        result.Definitions.Should().ContainSingle().Which.Name.Should().Be("a");
    }

    [Fact]
    public void ReadJson_BadDefinitionInArray_NeighboursAreAccepted()
    {
        const string json = """
            [
              { "name": "first", "type": "window", "details": { "url": "https://x" } },
              { "name": "broken", "type": "window", "details": { "mode": "nope" } },
              "not an object",
              { "name": "last", "type": "exe", "details": { "path": "C:/x" } }
            ]
            """;

        var result = Json.Read(json);

        result.Definitions.Select(d => d.Name).Should().Equal("first", "last");
        result.RecordCount.Should().Be(4);
        result.Problems.Where(p => p.IsError).Select(p => (p.Index, p.Path)).Should().BeEquivalentTo(
            [((int?)1, "details.url"), (1, "details.mode"), (2, "")]);
        result.Problems.Single(p => p.Path == "details.mode").AppName.Should().Be("broken");
    }

    [Fact]
    public void ReadJson_SyntaxError_ReportsFileLineAndColumnAndNoDefinitions()
    {
        const string json = "[\n  { \"name\": \"a\", \"type\": \"window\",\n    \"details\": { \"url\": \"https://x\" ]\n]";

        var result = AppDefinitionReader.ReadJson(json, "apps/broken.json", StoreKind.Regular);

        result.Definitions.Should().BeEmpty();
        var problem = result.Problems.Should().ContainSingle().Subject;
        (problem.Source, problem.Line, problem.Column, problem.IsError).Should().Be(("apps/broken.json", 3, 37, true));
        problem.Message.Should().StartWith("invalid JSON:").And.NotContain("LineNumber");
        problem.ToString().Should().StartWith("apps/broken.json:3:37: error: invalid JSON:");
    }

    [Fact]
    public void ReadJson_ValidationProblem_IsPlacedAtTheLineAndColumnOfItsPath()
    {
        const string json = """
            [
              { "name": "ok", "type": "window", "details": { "url": "https://x" } },
              {
                "name": "zoomy",
                "type": "window",
                "details": {
                  "url": "https://x",
                  "zoom": { "factors": [25, 50], "defaultFactor": 600 }
                }
              }
            ]
            """;

        var result = AppDefinitionReader.ReadJson(json, "z.json", StoreKind.Regular);

        var problem = result.Problems.Should().ContainSingle().Subject;
        problem.ToString().Should().Be("z.json:8:38: error: details.zoom.defaultFactor: 600 is outside 25..500");
        problem.Value.Should().Be("600");
    }

    [Fact]
    public void ReadJson_MissingProperty_IsPlacedAtTheNearestExistingAncestor()
    {
        const string json = "{\n  \"name\": \"a\",\n  \"type\": \"exe\",\n  \"details\": {\n    \"command\": \"a.exe\"\n  }\n}";

        var result = AppDefinitionReader.ReadJson(json, "a.json", StoreKind.Regular);

        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p => p.Path == "details.path" && p.Line == 4 && p.Column == 3);
    }

    [Fact]
    public void ReadJson_NonAsciiBeforeTheProblem_ColumnCountsCharactersNotBytes()
    {
        const string json = """{"name": "ääää", "type": "window", "details": {"url": "https://x", "mode": "x"}}""";

        var result = Json.Read(json);

        result.Problems.Should().ContainSingle().Which.Column.Should().Be(json.IndexOf("\"mode\"", StringComparison.Ordinal) + 1);
    }

    [Fact]
    public void ReadJson_ByteOrderMark_IsIgnored()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Json.Base("window"))).ToArray();

        var result = AppDefinitionReader.ReadJson(bytes, "bom.json", StoreKind.Regular);

        result.Problems.Should().BeEmpty();
        result.Definitions.Should().ContainSingle();
    }

    [Fact]
    public void ReadJson_RestStoreResponseShape_ReadsTheApplicationsArray()
    {
        var json = "{\"applications\": [" + Json.Base("window") + """, {"name": "b", "type": "node", "details": {}}], "message": "OK"}""";

        var result = Json.Read(json);

        result.Definitions.Should().ContainSingle().Which.Name.Should().Be("app");
        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p => p.Index == 1 && p.Path == "details.path" && p.Line == 1 && p.Column > 80);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void ReadJson_RootNotObjectOrArray_ReportsOneError(string json)
    {
        var result = Json.Read(json);

        result.Definitions.Should().BeEmpty();
        result.Problems.Should().ContainSingle().Which.Message.Should().Contain("expected an app definition object, an array of them");
    }

    [Fact]
    public void ReadFile_MissingFile_ReportsAnErrorInsteadOfThrowing()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");

        var result = AppDefinitionReader.ReadFile(path, StoreKind.Regular);

        result.HasErrors.Should().BeTrue();
        result.Problems.Should().ContainSingle().Which.Message.Should().StartWith("cannot read the file:");
    }

    [Fact]
    public void ReadFiles_SameNameInTwoFiles_RejectsTheLaterWithItsPosition()
    {
        var dir = Directory.CreateTempSubdirectory("ioactors-defs-");
        try
        {
            var a = Path.Combine(dir.FullName, "a.json");
            var b = Path.Combine(dir.FullName, "b.json");
            File.WriteAllText(a, Json.Base("window"));
            File.WriteAllText(b, "[\n  {\"name\": \"other\", \"type\": \"node\", \"details\": {\"path\": \"o.js\"}},\n  {\"name\": \"app\", \"type\": \"node\", \"details\": {\"path\": \"x.js\"}}\n]");

            var result = AppDefinitionReader.ReadFiles([a, b], StoreKind.Regular);

            result.Definitions.Select(d => (d.Name, d.Source)).Should().Equal(("app", a), ("other", b));
            var problem = result.Problems.Should().ContainSingle().Subject;
            problem.Should().Match<DefinitionProblem>(p => p.Source == b && p.Line == 3 && p.Column == 4 && p.Index == 1 && p.Message.Contains($"already defined in {a}"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ReadJson_DeeplyNestedInput_ReportsAnErrorInsteadOfThrowing()
    {
        var json = new string('[', 200) + new string(']', 200);

        var result = Json.Read(json);

        result.HasErrors.Should().BeTrue();
        result.Problems.Should().ContainSingle().Which.Message.Should().StartWith("invalid JSON:");
    }

    [Fact]
    public void Parse_NotJson_ThrowsFormatExceptionWithPosition()
    {
        var act = () => AppDefinition.Parse("{\"name\": }", "x.json");

        act.Should().Throw<FormatException>().WithMessage("x.json:1:*");
    }
}
