using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Tests.Definitions.Support;
using Xunit;

namespace IoActors.Apps.Tests.Definitions;

public sealed class AppDefinitionTests
{
    [Fact]
    public void Accessors_MinimalDefinition_ReturnDocumentedDefaults()
    {
        var definition = AppDefinition.Parse(Json.Base("window"));

        definition.Name.Should().Be("app");
        definition.Title.Should().Be("app");
        definition.Type.Should().Be(AppType.Window);
        definition.TypeName.Should().Be("window");
        definition.AutoStart.Should().BeFalse();
        definition.Service.Should().BeFalse();
        definition.Hidden.Should().BeFalse();
        definition.WindowHidden.Should().BeFalse();
        definition.AllowMultiple.Should().BeTrue();
        definition.IgnoreSavedLayout.Should().BeFalse();
        definition.Keywords.Should().BeEmpty();
        definition.CustomProperties.Should().Be(new AppCustomProperties(null, false));
        definition.Asset.Should().BeNull();
        definition.Caption.Should().BeNull();
        definition.Icon.Should().BeNull();
        definition.RunPriority.Should().BeNull();
        definition.StoreKind.Should().BeNull();
    }

    [Fact]
    public void Accessors_FullDefinition_ReadEveryTypedProperty()
    {
        var definition = AppDefinition.Parse("""
            {"name": "full", "title": "Full App", "type": "exe", "autoStart": true, "hidden": true, "allowMultiple": false,
             "ignoreSavedLayout": true, "caption": "A caption", "icon": "https://x/i.png", "keywords": ["a", 1, "b"],
             "customProperties": {"folder": "A/B", "includeInWorkspaces": true, "mine": 1},
             "assets": {"src": "https://x/a.zip", "noCache": true, "headers": [{"name": "h", "value": "v"}]},
             "runPriority": {"stage": "post-sso", "priority": 2.5, "timeout": 3000, "waitForInitialization": "appSignal"},
             "details": {"path": "C:/x", "hidden": true}}
            """);

        definition.Title.Should().Be("Full App");
        definition.AutoStart.Should().BeTrue();
        definition.Hidden.Should().BeTrue();
        definition.WindowHidden.Should().BeTrue();
        definition.AllowMultiple.Should().BeFalse();
        definition.IgnoreSavedLayout.Should().BeTrue();
        definition.Caption.Should().Be("A caption");
        definition.Icon.Should().Be("https://x/i.png");
        definition.Keywords.Should().Equal("a", "b");
        definition.CustomProperties.Should().Be(new AppCustomProperties("A/B", true));
        definition.Asset!.Source.Should().Be("https://x/a.zip");
        definition.Asset.NoCache.Should().BeTrue();
        definition.Asset.Headers.Should().BeEquivalentTo([new KeyValuePair<string, string>("h", "v")]);
        definition.RunPriority.Should().Be(new RunPriority(BootStage.PostSso, 2.5, TimeSpan.FromSeconds(3), InitializationWait.AppSignal));
    }

    [Fact]
    public void Accessors_WrongTypes_ReadAsAbsentInsteadOfThrowing()
    {
        var definition = AppDefinition.Parse("""{"name": 1, "type": [], "title": {}, "autoStart": "yes", "allowMultiple": 0, "keywords": "k", "customProperties": 3, "asset": {"src": 5}, "runPriority": "high", "details": "d"}""");

        definition.Name.Should().BeEmpty();
        definition.Type.Should().Be(AppType.Unknown);
        definition.Title.Should().BeEmpty();
        definition.AutoStart.Should().BeFalse();
        definition.AllowMultiple.Should().BeTrue();
        definition.Keywords.Should().BeEmpty();
        definition.CustomProperties.Folder.Should().BeNull();
        definition.Asset.Should().BeNull();
        definition.RunPriority.Should().BeNull();
        definition.Details.ValueKind.Should().Be(System.Text.Json.JsonValueKind.Undefined);
    }

    [Fact]
    public void ReadJson_UnknownProperties_RoundTripUnchanged()
    {
        const string json = """{"name":"u","type":"window","x-vendor":{"nested":[1,2.50,{"deep":null}]},"intents":[{"name":"ViewChart"}],"details":{"url":"https://x","futureOption":"\u00e9t\u00e9","channelSelector":{"enabled":true}}}""";

        var definition = Json.Single(json);

        definition.ToJsonString().Should().Be("""{"name":"u","type":"window","x-vendor":{"nested":[1,2.50,{"deep":null}]},"intents":[{"name":"ViewChart"}],"details":{"url":"https://x","futureOption":"été","channelSelector":{"enabled":true}}}""");
        AppDefinition.Parse(definition.ToJsonString()).Should().Be(definition);
    }

    [Fact]
    public void ToJsonObject_MutatingTheCopy_DoesNotChangeTheDefinition()
    {
        var definition = AppDefinition.Parse(Json.Base("window"));
        var before = definition.ToJsonString();

        var copy = definition.ToJsonObject();
        copy["name"] = "changed";
        ((JsonObject)copy["details"]!)["url"] = "https://changed";

        definition.ToJsonString().Should().Be(before);
        AppDefinition.FromJson(copy).Name.Should().Be("changed");
    }

    [Fact]
    public void FromJsonObject_LaterChangesToTheNode_DoNotLeakIn()
    {
        var node = JsonNode.Parse(Json.Base("window"))!.AsObject();
        var definition = AppDefinition.FromJson(node);

        node["name"] = "changed";

        definition.Name.Should().Be("app");
    }

    [Fact]
    public void FromJson_NotAnObject_Throws()
    {
        var act = () => AppDefinition.FromJson(Json.Element("[1]"));

        act.Should().Throw<FormatException>().WithMessage("*must be a JSON object, not array*");
    }

    [Fact]
    public void Accessors_ReadFromManyThreads_AreConsistent()
    {
        var definition = Json.Single("""{"name": "shared", "type": "window", "keywords": ["a"], "details": {"url": "https://x"}}""");
        var hashes = new ulong[64];

        Parallel.For(0, hashes.Length, i =>
        {
            definition.Name.Should().Be("shared");
            definition.Keywords.Should().Equal("a");
            hashes[i] = definition.ContentHash;
        });

        hashes.Distinct().Should().ContainSingle();
    }
}
