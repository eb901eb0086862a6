using System.Text;
using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Tests.Definitions.Support;
using Xunit;

namespace IoActors.Apps.Tests.Definitions;

/// <summary>
/// JSON that parses but cannot all become .NET strings (unpaired surrogate escapes, bytes that are not UTF-8) is rejected
/// where it is read, naming path and line; duplicate keys are warnings naming both lines.
/// </summary>
public sealed class InputTextTests
{
    private const string Ok = """{"name": "ok", "type": "window", "details": {"url": "https://ok"}}""";

    [Fact]
    public void ReadJson_LoneSurrogateInAString_RejectsThatDefinitionOnlyWithPathAndLine()
    {
        var json = "[\n  " + Ok + ",\n  {\"name\": \"bad\", \"type\": \"window\",\n   \"details\": {\"url\": \"https://x/\\udc00\"}}\n]";

        var result = Json.Read(json);

        result.Definitions.Should().ContainSingle().Which.Name.Should().Be("ok");
        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p =>
            p.IsError && p.Path == "details.url" && p.Line == 4 && p.Column == 23 && p.Index == 1 && p.AppName == "bad"
            && p.Value == "\"https://x/\\udc00\""
            && p.Message == "the string cannot be read as text: it holds an unpaired surrogate escape \\udc00 (a low surrogate without a high one before it)");
        result.RecordCount.Should().Be(2);
    }

    [Fact]
    public void ReadJson_HighSurrogateWithoutItsLowHalf_IsRejected()
    {
        var result = Json.Read("""{"name": "a", "title": "x\ud800y", "type": "window", "details": {"url": "https://x"}}""");

        result.Definitions.Should().BeEmpty();
        result.Problems.Should().ContainSingle().Which.Message.Should().Contain("an unpaired surrogate escape \\ud800 (a high surrogate without a low one after it)");
    }

    [Fact]
    public void ReadJson_LoneSurrogateInThePropertyName_IsRejectedAtThatKey()
    {
        var result = Json.Read("""{"name": "a", "type": "window", "details": {"url": "https://x", "\udc00x": 1}}""");

        result.Definitions.Should().BeEmpty();
        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p =>
            p.Path == "details['\\udc00x']" && p.AppName == "a" && p.Column == 65 && p.Message.StartsWith("the property name cannot be read as text"));
    }

    [Fact]
    public void ReadJson_LoneSurrogateInTheNameItself_IsRejectedWithoutAnAppName()
    {
        var result = Json.Read("""[{"name": "\udc00", "type": "window", "details": {"url": "https://x"}}, {"name": "b", "type": "window", "details": {"url": "https://b"}}]""");

        result.Definitions.Select(d => d.Name).Should().Equal("b");
        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p => p.Path == "name" && p.AppName == null && p.Index == 0);
    }

    [Fact]
    public void ReadJson_BytesThatAreNotUtf8InAString_AreRejected()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"name": "a", "type": "window", "details": {"url": "https://x/?"}}""");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xFF;

        var result = AppDefinitionReader.ReadJson(bytes, "bytes.json", StoreKind.Regular);

        result.Definitions.Should().BeEmpty();
        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p =>
            p.Path == "details.url" && p.Message.Contains("bytes that are not UTF-8 (0xFF at byte 11 of the string)") && p.Value == "\"https://x/\\xFF\"");
    }

    [Theory]
    [InlineData("""{"name": "a", "title": "\ud83d\ude00", "type": "window", "details": {"url": "https://x"}}""", "\U0001F600")]
    [InlineData("""{"name": "a", "title": "\\udc00", "type": "window", "details": {"url": "https://x"}}""", "\\udc00")]
    [InlineData("""{"name": "a", "title": "x", "type": "window", "details": {"url": "https://x"}} // a comment with \udc00""", "x")]
    public void ReadJson_ValidPairsEscapedBackslashesAndComments_AreAccepted(string json, string title)
    {
        var result = Json.Read(json);

        result.Problems.Should().BeEmpty();
        result.Definitions.Should().ContainSingle().Which.Title.Should().Be(title);
    }

    [Fact]
    public void ReadJson_StoreResponseWithAnUnreadableKeyBesideTheApplications_KeepsTheAppsAndReportsTheKey()
    {
        var result = Json.Read("{\"\\udc00\": 1, \"applications\": [" + Ok + "]}");

        result.Definitions.Should().ContainSingle().Which.Name.Should().Be("ok");
        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p => p.IsError && p.Path == "['\\udc00']" && p.AppName == null && p.Line == 1 && p.Column == 2);
    }

    [Fact]
    public void ReadJson_RootStringWithALoneSurrogate_IsReportedNotThrown()
    {
        var result = Json.Read("\"\\udc00\"");

        result.Definitions.Should().BeEmpty();
        result.Problems.Should().HaveCount(2).And.Contain(p => p.Message.StartsWith("expected an app definition object")).And.Contain(p => p.Message.Contains("unpaired surrogate"));
    }

    [Fact]
    public void ReadJson_Fdc3RecordWithALoneSurrogate_IsRejectedBeforeConversion()
    {
        var result = Json.Read("""{"appId": "f\udc00", "title": "F", "type": "web", "details": {"url": "https://f"}}""");

        result.Definitions.Should().BeEmpty();
        result.Problems.Should().ContainSingle().Which.Path.Should().Be("appId");
    }

    [Fact]
    public void ReadJson_LoneSurrogateInsideAnEmbeddedV1Manifest_IsRejectedNamingItsPathInTheManifest()
    {
        // The outer string is valid ("\\udc00" is a backslash and text); the manifest it holds is JSON with a lone surrogate escape.
        var result = Json.Read("""{"appId": "v1", "name": "v1", "manifest": "{\"type\": \"window\", \"details\": {\"url\": \"https://x/\\udc00\"}}"}""");

        result.Definitions.Should().BeEmpty();
        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p =>
            p.Path == "manifest" && p.Message.StartsWith("the manifest cannot be read at details.url: the string cannot be read as text: it holds an unpaired surrogate escape \\udc00"));
    }

    [Fact]
    public void Parse_LoneSurrogate_ThrowsAFormatExceptionNamingThePlace()
    {
        var act = () => AppDefinition.Parse("{\"name\": \"a\",\n \"title\": \"\\udc00\"}", "x.json");

        act.Should().Throw<FormatException>().WithMessage("x.json:2:11: title: the string cannot be read as text: it holds an unpaired surrogate escape \\udc00*");
    }

    [Fact]
    public void ReadJson_DuplicateKey_WarnsNamingBothLinesAndTheLastOneIsUsed()
    {
        const string json = "{\"name\": \"a\", \"type\": \"window\",\n \"autoStart\": false,\n \"details\": {\"url\": \"https://x\"},\n \"autoStart\": true}";

        var result = Json.Read(json);

        var definition = result.Definitions.Should().ContainSingle().Subject;
        definition.AutoStart.Should().BeTrue();
        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p =>
            p.Severity == ProblemSeverity.Warning && p.Path == "autoStart" && p.Line == 4 && p.Column == 2 && p.AppName == "a"
            && p.Message == "duplicate key \"autoStart\" (lines 2 and 4); the last one (line 4) is used");
    }

    [Fact]
    public void ReadJson_DuplicateKeyWhoseShadowedValueIsInvalid_IsOnlyAWarningAndTheDefinitionHoldsTheLastOnce()
    {
        var result = Json.Read("""{"name": "a", "type": "window", "autoStart": "yes", "details": {"url": "https://x", "mode": 5, "mode": "tab"}, "autoStart": true}""");

        var definition = result.Definitions.Should().ContainSingle().Subject;
        result.Problems.Should().HaveCount(2).And.OnlyContain(p => p.Severity == ProblemSeverity.Warning && p.Message.StartsWith("duplicate key"));
        definition.Json.EnumerateObject().Count(p => p.Name == "autoStart").Should().Be(1);
        definition.Details.EnumerateObject().Select(p => p.Name).Should().Equal("url", "mode");
        definition.Details.GetProperty("mode").GetString().Should().Be("tab");
        definition.AutoStart.Should().BeTrue();
    }

    [Fact]
    public void ReadJson_DuplicateKeyDeepInsideOrSpelledWithAnEscape_IsFound()
    {
        var result = Json.Read("""[{"name": "a", "type": "window", "details": {"url": "https://x", "zoom": {"enabled": true, "\u0065nabled": false}}}, {"name": "b", "type": "window", "details": {"url": "https://x"}, "customProperties": {"tags": [{"k": 1, "k": 2}]}}]""");

        result.Definitions.Should().HaveCount(2);
        result.Problems.Select(p => (p.Path, p.Index, p.Severity)).Should().Equal(
            ("details.zoom.enabled", 0, ProblemSeverity.Warning),
            ("customProperties.tags[0].k", 1, ProblemSeverity.Warning));
    }

    [Fact]
    public void ReadJson_ObjectWithManyDistinctKeys_HasNoDuplicateWarning()
    {
        var keys = string.Join(", ", Enumerable.Range(0, 200).Select(i => $"\"k{i}\": {i}"));

        var result = Json.Read($$$"""{"name": "a", "type": "window", "details": {"url": "https://x"}, "extra": { {{{keys}}} }}""");

        result.Problems.Should().BeEmpty();
        Json.Read($$$"""{"name": "a", "type": "window", "details": {"url": "https://x"}, "extra": { {{{keys}}}, "k7": 0 }}""")
            .Problems.Should().ContainSingle().Which.Path.Should().Be("extra.k7");
    }

    [Fact]
    public void ReadJson_DuplicateKeysInTheStoreResponseWrapper_WarnAtTheRoot()
    {
        var result = Json.Read("{\"applications\": [],\n\"applications\": [" + Ok + "]}");

        result.Definitions.Should().ContainSingle();
        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p => p.Path == "applications" && p.AppName == null && p.Line == 2);
    }

    [Fact]
    public void ReadJson_NamesDifferingOnlyInCase_WarnAndKeepBoth()
    {
        var result = Json.Read("""[{"name": "Client-List", "type": "window", "details": {"url": "https://a"}}, {"name": "client-list", "type": "window", "details": {"url": "https://b"}}]""");

        result.Definitions.Should().HaveCount(2);
        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p =>
            p.Severity == ProblemSeverity.Warning && p.Path == "name" && p.Index == 1
            && p.Message.StartsWith("\"client-list\" differs only in letter case from \"Client-List\", defined at index 0"));
    }

    [Fact]
    public void ReadJson_ACaseVariantRepeated_IsRejectedAsADuplicateOfTheVariant()
    {
        static string App(string name, string url) => $$$"""{"name": "{{{name}}}", "type": "window", "details": {"url": "{{{url}}}"}}""";
        var result = Json.Read("[" + string.Join(", ", App("Client-List", "https://a"), App("client-list", "https://b"), App("client-list", "https://c"), App("Client-List", "https://d"), App("CLIENT-list", "https://e")) + "]");

        result.Definitions.Select(d => d.Json.GetProperty("details").GetProperty("url").GetString()).Should().Equal("https://a", "https://b", "https://e");
        result.Problems.Select(p => (p.Index, p.Severity)).Should().Equal(
            (1, ProblemSeverity.Warning), (2, ProblemSeverity.Error), (3, ProblemSeverity.Error), (4, ProblemSeverity.Warning));
        result.Problems[1].Message.Should().StartWith("\"client-list\" is already defined at index 1");
        result.Problems[2].Message.Should().StartWith("\"Client-List\" is already defined at index 0");
        result.Problems[3].Message.Should().StartWith("\"CLIENT-list\" differs only in letter case from \"Client-List\", defined at index 0");
    }
}
