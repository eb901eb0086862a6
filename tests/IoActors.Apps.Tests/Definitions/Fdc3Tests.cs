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
    public void ReadJson_IoConnectDefinitionWithAppId_IsNotTreatedAsFdc3()
    {
        var definition = Json.Single("""{"appId": "x", "name": "real", "type": "window", "details": {"url": "https://x"}}""");

        definition.Name.Should().Be("real");
        definition.TryGetProperty("fdc3", out _).Should().BeFalse();
    }
}
