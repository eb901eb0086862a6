using System.Text.Json;
using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Tests.Definitions.Support;
using Xunit;

namespace IoActors.Apps.Tests.Definitions;

/// <summary>FDC3 App Directory records (v2 and 1.x) convert to io.Connect definitions.</summary>
public sealed class Fdc3Tests
{
    [Fact]
    public void ReadJson_V2WebRecord_BecomesWindowAppWithTheOriginalKept()
    {
        const string record = """
            {"appId": "fdc3-web", "title": "FDC3 Web", "type": "web", "details": {"url": "https://fdc3.example.com"},
             "description": "A web app", "icons": [{"src": "https://fdc3.example.com/icon.png"}], "interop": {"intents": {"listensFor": {}}}}
            """;

        var definition = Json.Single(record);

        definition.Name.Should().Be("fdc3-web");
        definition.Title.Should().Be("FDC3 Web");
        definition.Type.Should().Be(AppType.Window);
        definition.Details.GetProperty("url").GetString().Should().Be("https://fdc3.example.com");
        definition.Caption.Should().Be("A web app");
        definition.Icon.Should().Be("https://fdc3.example.com/icon.png");
        JsonElement.DeepEquals(definition.Json.GetProperty("fdc3"), Json.Element(record)).Should().BeTrue();
    }

    [Fact]
    public void ReadJson_V2NativeRecord_BecomesExeWithDirectoryCommandAndParameters()
    {
        const string record = """{"appId": "calc", "title": "Calc", "type": "native", "details": {"path": "C:\\Tools\\calc.exe", "arguments": ["--mode", "scientific mode"]}}""";

        var definition = Json.Single(record);

        definition.Type.Should().Be(AppType.Exe);
        definition.Details.GetProperty("path").GetString().Should().Be("C:\\Tools");
        definition.Details.GetProperty("command").GetString().Should().Be("calc.exe");
        definition.Details.GetProperty("parameters").GetString().Should().Be("--mode \"scientific mode\"");
    }

    [Fact]
    public void ReadJson_V2CitrixRecord_BecomesCitrixWithThePublishedName()
    {
        var definition = Json.Single("""{"appId": "cl", "title": "Client List", "type": "citrix", "details": {"alias": "Client List", "arguments": ["-a"]}}""");

        definition.Type.Should().Be(AppType.Citrix);
        definition.Details.GetProperty("name").GetString().Should().Be("Client List");
        definition.Details.GetProperty("parameters").GetString().Should().Be("-a");
    }

    [Theory]
    [InlineData("io.Connect")]
    [InlineData("Glue42")]
    public void ReadJson_V2RecordWithIoConnectHostManifest_TheManifestWins(string host)
    {
        var record = $$$$"""
            {"appId": "hm", "title": "Host Manifest", "type": "web", "details": {"url": "https://generic.example.com"},
             "hostManifests": {"OpenFin": {"x": 1}, "{{{{host}}}}": {"type": "window", "details": {"url": "https://ioconnect.example.com", "mode": "tab"}, "hidden": true}}}
            """;

        var definition = Json.Single(record);

        definition.Details.GetProperty("url").GetString().Should().Be("https://ioconnect.example.com");
        definition.Details.GetProperty("mode").GetString().Should().Be("tab");
        definition.Hidden.Should().BeTrue();
        definition.Name.Should().Be("hm");
    }

    [Fact]
    public void ReadJson_V2OnlineNativeWithoutHostManifest_IsRejectedWithAReason()
    {
        var result = Json.Read("""[{"appId": "on", "title": "On", "type": "onlineNative", "details": {"url": "https://x"}}, {"appId": "w", "title": "W", "type": "web", "details": {"url": "https://w"}}]""");

        result.Definitions.Should().ContainSingle().Which.Name.Should().Be("w");
        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p => p.Path == "type" && p.Index == 0 && p.Message.Contains("no io.Connect equivalent") && p.AppName == "on");
    }

    [Fact]
    public void ReadJson_V2OtherWithHostManifest_UsesTheManifest()
    {
        var definition = Json.Single("""{"appId": "svc", "title": "Svc", "type": "other", "details": {}, "hostManifests": {"io.Connect": {"type": "node", "details": {"path": "svc.js"}}}}""");

        definition.Type.Should().Be(AppType.Node);
        definition.Details.GetProperty("path").GetString().Should().Be("svc.js");
    }

    [Fact]
    public void ReadJson_V2HostManifestAsUrl_WarnsAndFallsBackToTheFdc3Details()
    {
        var result = Json.Read("""{"appId": "u", "title": "U", "type": "web", "details": {"url": "https://u"}, "hostManifests": {"Glue42": "https://manifests/u.json"}}""");

        result.Definitions.Should().ContainSingle().Which.Type.Should().Be(AppType.Window);
        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p => p.Severity == ProblemSeverity.Warning && p.Path == "hostManifests.Glue42");
    }

    [Fact]
    public void ReadJson_V1RecordWithManifestString_UsesTheManifest()
    {
        const string record = """
            {"appId": "v1-app", "name": "v1-app", "title": "V1 App", "manifestType": "Glue42",
             "manifest": "{\"type\": \"window\", \"details\": {\"url\": \"https://v1.example.com\", \"width\": 400}}",
             "version": "1.0.0"}
            """;

        var definition = Json.Single(record);

        definition.Name.Should().Be("v1-app");
        definition.Title.Should().Be("V1 App");
        definition.Type.Should().Be(AppType.Window);
        definition.Details.GetProperty("width").GetInt32().Should().Be(400);
        definition.Json.GetProperty("fdc3").GetProperty("manifestType").GetString().Should().Be("Glue42");
    }

    [Theory]
    [InlineData("\"https://example.com/manifest.json\"", "only embedded JSON manifests are supported")]
    [InlineData("\"{ not json\"", "the manifest is not valid JSON")]
    [InlineData("42", "expected the io.Connect definition as a JSON string")]
    public void ReadJson_V1RecordWithUnusableManifest_IsRejected(string manifest, string message)
    {
        var result = Json.Read($$"""{"appId": "v1", "name": "v1", "manifestType": "Glue42", "manifest": {{manifest}}}""");

        result.Definitions.Should().BeEmpty();
        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p => p.Path == "manifest" && p.Message.Contains(message) && p.Line == 1);
    }

    [Fact]
    public void ReadJson_V1RecordWithoutManifest_IsRejected()
    {
        var result = Json.Read("""{"appId": "v1", "name": "v1"}""");

        result.Problems.Should().ContainSingle().Which.Message.Should().Contain("is required for an FDC3 1.x record");
    }

    [Fact]
    public void ReadJson_Fdc3RecordConvertedToInvalidDefinition_ReportsTheValidationError()
    {
        var result = Json.Read("""{"appId": "nourl", "title": "No URL", "type": "web", "details": {}}""");

        result.Definitions.Should().BeEmpty();
        result.Problems.Should().Contain(p => p.Path == "details.url" && p.IsError);
    }

    [Fact]
    public void ReadJson_V2ListensFor_BecomesTheIoConnectIntents()
    {
        const string record = """
            {"appId": "chart", "title": "Chart", "type": "web", "details": {"url": "https://chart"},
             "interop": {"intents": {"listensFor": {
               "ViewChart": {"displayName": "View Chart", "contexts": ["fdc3.instrument"], "resultType": "fdc3.chart"},
               "ViewAnalysis": {"contexts": ["fdc3.instrument", "fdc3.organization"], "customConfig": {"x": 1}}}}}}
            """;

        var definition = Json.Single(record);

        var intents = definition.Json.GetProperty("intents");
        intents.GetArrayLength().Should().Be(2);
        JsonElement.DeepEquals(intents[0], Json.Element("""{"name": "ViewChart", "displayName": "View Chart", "contexts": ["fdc3.instrument"], "resultType": "fdc3.chart"}""")).Should().BeTrue(intents[0].GetRawText());
        JsonElement.DeepEquals(intents[1], Json.Element("""{"name": "ViewAnalysis", "contexts": ["fdc3.instrument", "fdc3.organization"], "customConfig": {"x": 1}}""")).Should().BeTrue(intents[1].GetRawText());
    }

    [Fact]
    public void ReadJson_V2ListensForThatIsNotAnObject_WarnsAndConvertsNoIntents()
    {
        var result = Json.Read("""{"appId": "c", "title": "C", "type": "web", "details": {"url": "https://c"}, "interop": {"intents": {"listensFor": ["ViewChart"]}}}""");

        result.Definitions.Should().ContainSingle().Which.TryGetProperty("intents", out _).Should().BeFalse();
        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p => p.Severity == ProblemSeverity.Warning && p.Path == "interop.intents.listensFor");
    }

    [Fact]
    public void ReadJson_HostManifestIntents_WinOverTheConvertedOnes()
    {
        var definition = Json.Single("""
            {"appId": "c", "title": "C", "type": "web", "details": {"url": "https://c"},
             "interop": {"intents": {"listensFor": {"A": {}}}}, "hostManifests": {"io.Connect": {"intents": [{"name": "B"}]}}}
            """);

        definition.Json.GetProperty("intents")[0].GetProperty("name").GetString().Should().Be("B");
    }

    [Fact]
    public void ReadJson_V1RecordIntents_AreCarriedIntoTheDefinition()
    {
        var definition = Json.Single("""
            {"appId": "v1", "name": "v1", "manifest": "{\"type\": \"window\", \"details\": {\"url\": \"https://v1\"}}",
             "intents": [{"name": "ViewChart", "displayName": "View Chart", "contexts": ["fdc3.instrument"]}]}
            """);

        definition.Json.GetProperty("intents")[0].GetProperty("name").GetString().Should().Be("ViewChart");
    }

    [Theory]
    [InlineData("""{"appId": "w", "title": "W", "type": "web", "details": {}}""", "details.url", "is required for an FDC3 web app (the page the window loads)")]
    [InlineData("""{"appId": "w", "title": "W", "type": "web", "details": {"url": 5}}""", "details.url", "expected a string (the page the window loads), got 5")]
    [InlineData("""{"appId": "w", "title": "W", "type": "web"}""", "details", "an FDC3 web app needs a details object with \"url\" (the page the window loads)")]
    [InlineData("""{"appId": "n", "title": "N", "type": "native", "details": {"arguments": ["-a"]}}""", "details.path", "is required for an FDC3 native app (the executable to run)")]
    [InlineData("""{"appId": "c", "title": "C", "type": "citrix", "details": {}}""", "details.alias", "is required for an FDC3 citrix app (the published name of the Citrix app)")]
    public void ReadJson_V2RecordMissingWhatTheConversionNeeds_SaysSoInTheRecordsTerms(string record, string path, string message)
    {
        var result = Json.Read(record);

        result.Definitions.Should().BeEmpty();
        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p => p.IsError && p.Path == path && p.Message == message);
        result.Problems.Should().NotContain(p => p.Message.Contains("null"));
    }

    [Fact]
    public void ReadJson_V2WebRecordWhoseHostManifestGivesTheUrl_NeedsNoFdc3Url()
    {
        var definition = Json.Single("""{"appId": "w", "title": "W", "type": "web", "details": {}, "hostManifests": {"io.Connect": {"details": {"url": "https://w"}}}}""");

        definition.Details.GetProperty("url").GetString().Should().Be("https://w");
    }

    [Fact]
    public void ReadJson_V1ManifestThatIsNotJson_GivesAPositionedMessageWithoutExceptionText()
    {
        var result = Json.Read("""{"appId": "v1", "name": "v1", "manifest": "{\"type\": \"window\",\n \"details\": {,}}"}""");

        var problem = result.Problems.Should().ContainSingle().Subject;
        problem.Path.Should().Be("manifest");
        problem.Message.Should().StartWith("the manifest is not valid JSON: ").And.EndWith("(at line 2, column 14 of the embedded text)");
        problem.Message.Should().NotContain("LineNumber").And.NotContain("BytePositionInLine").And.NotContain("Path: $");
    }

    [Fact]
    public void ReadJson_HostManifestStringThatIsNotJson_WarnsWithAPositionAndUsesTheFdc3Details()
    {
        var result = Json.Read("""{"appId": "h", "title": "H", "type": "web", "details": {"url": "https://h"}, "hostManifests": {"io.Connect": "{ \"type\": }"}}""");

        result.Definitions.Should().ContainSingle().Which.Details.GetProperty("url").GetString().Should().Be("https://h");
        result.Problems.Should().ContainSingle().Which.Message.Should()
            .StartWith("the io.Connect host manifest is not valid JSON: ").And.Contain("(at line 1, column 11 of the embedded text)").And.EndWith("the FDC3 details are used instead")
            .And.NotContain("LineNumber");
    }

    [Fact]
    public void ReadJson_IoConnectDefinitionWithAppId_IsNotTreatedAsFdc3()
    {
        var definition = Json.Single("""{"appId": "x", "name": "real", "type": "window", "details": {"url": "https://x"}}""");

        definition.Name.Should().Be("real");
        definition.TryGetProperty("fdc3", out _).Should().BeFalse();
    }
}
