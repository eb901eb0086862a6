using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Tests.Definitions.Support;
using Xunit;

namespace IoActors.Apps.Tests.Definitions;

public sealed class OverridesTests
{
    // Seed 04-app-stores-and-titles.txt, section "App Stores > REST": the appDefinitionOverrides example.
    private const string SeedOverrides = """
        {
            // Overrides for some top-level app definition properties.
            "ignoreSavedLayout": true,
            "allowMultiple": false,
            // Overrides for the properties under the `"details"` top-level key in apps of type `"window"`.
            "window": {
                "autoInjectAPI": {
                    "enabled": true,
                    "autoInit": {
                        "channels": true
                    }
                }
            }
        }
        """;

    [Fact]
    public void Apply_SeedExample_OverridesTopLevelAndWindowDetails()
    {
        var overrides = AppDefinitionOverrides.Parse(SeedOverrides);
        var definition = AppDefinition.Parse("""{"name": "a", "type": "window", "allowMultiple": true, "details": {"url": "https://x", "autoInjectAPI": {"enabled": false, "version": "1"}}}""");

        var result = overrides.Apply(definition);

        result.ToJsonString().Should().Be(
            """{"name":"a","type":"window","allowMultiple":false,"details":{"url":"https://x","autoInjectAPI":{"enabled":true,"version":"1","autoInit":{"channels":true}}},"ignoreSavedLayout":true}""");
        result.AllowMultiple.Should().BeFalse();
        result.IgnoreSavedLayout.Should().BeTrue();
    }

    [Fact]
    public void Apply_PerTypeObject_DoesNotTouchOtherTypes()
    {
        var overrides = AppDefinitionOverrides.Parse("""{"window": {"mode": "tab"}, "node": {"showConsole": true}}""");

        var exe = overrides.Apply(AppDefinition.Parse(Json.Base("exe")));
        var node = overrides.Apply(AppDefinition.Parse(Json.Base("node")));

        exe.ToJsonString().Should().Be(AppDefinition.Parse(Json.Base("exe")).ToJsonString());
        node.Details.GetProperty("showConsole").GetBoolean().Should().BeTrue();
        node.Details.TryGetProperty("mode", out _).Should().BeFalse();
    }

    [Fact]
    public void Apply_Arrays_ReplaceInsteadOfMerging()
    {
        var overrides = AppDefinitionOverrides.Parse("""{"keywords": ["x"], "window": {"zoom": {"factors": [100, 200]}}}""");
        var definition = AppDefinition.Parse("""{"name": "a", "type": "window", "keywords": ["a", "b", "c"], "details": {"url": "https://x", "zoom": {"factors": [25, 50, 75], "enabled": true}}}""");

        var result = overrides.Apply(definition);

        result.Keywords.Should().Equal("x");
        result.Details.GetProperty("zoom").GetProperty("enabled").GetBoolean().Should().BeTrue();
        result.Details.GetProperty("zoom").GetProperty("factors").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public void Apply_DefinitionWithoutDetails_GetsThePerTypeObjectAsDetails()
    {
        var overrides = AppDefinitionOverrides.Parse("""{"workspaces": {"framePool": 2}}""");

        var result = overrides.Apply(AppDefinition.Parse("""{"name": "w", "type": "workspaces"}"""));

        result.Details.GetProperty("framePool").GetInt32().Should().Be(2);
    }

    [Fact]
    public void Apply_NothingApplies_ReturnsTheSameInstance()
    {
        var definition = AppDefinition.Parse(Json.Base("exe"));

        AppDefinitionOverrides.Parse("""{"window": {"mode": "tab"}}""").Apply(definition).Should().BeSameAs(definition);
        AppDefinitionOverrides.Empty.Apply(definition).Should().BeSameAs(definition);
        AppDefinitionOverrides.Empty.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Parse_InvalidOverrides_ReportsEveryProblem()
    {
        var act = () => AppDefinitionOverrides.Parse("""{"name": "x", "type": "exe", "window": 5, "exe": []}""");

        act.Should().Throw<ArgumentException>()
            .Where(e => e.Message.Contains("appDefinitionOverrides.name") && e.Message.Contains("appDefinitionOverrides.type")
                        && e.Message.Contains("appDefinitionOverrides.window") && e.Message.Contains("appDefinitionOverrides.exe"));
    }

    [Fact]
    public void ReadJson_WithOverrides_ValidatesTheOverriddenDefinition()
    {
        var overrides = AppDefinitionOverrides.Parse("""{"window": {"mode": "sideways"}, "autoStart": true}""");

        var result = Json.Read($"[{Json.Base("window")}, {Json.Base("node").Replace("\"app\"", "\"n\"")}]", StoreKind.Regular, overrides);

        result.Definitions.Should().ContainSingle().Which.Should().Match<AppDefinition>(d => d.Name == "n" && d.AutoStart);
        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p => p.Path == "details.mode" && p.Message.Contains("\"sideways\""));
    }
}
