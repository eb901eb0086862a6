using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Tests.Definitions.Support;
using Xunit;

namespace IoActors.Apps.Tests.Definitions;

public sealed class NormalizationTests
{
    [Fact]
    public void Normalize_Service_ForcesAutoStartAndDetailsHidden()
    {
        var definition = AppDefinition.Parse("""{"name": "s", "type": "window", "service": true, "autoStart": false, "details": {"url": "https://x", "hidden": false, "extra": 1}}""");

        var normalized = AppDefinitionNormalizer.Normalize(definition, StoreKind.Regular);

        normalized.AutoStart.Should().BeTrue();
        normalized.WindowHidden.Should().BeTrue();
        normalized.ToJsonString().Should().Be("""{"name":"s","type":"window","service":true,"autoStart":true,"details":{"url":"https://x","hidden":true,"extra":1}}""");
        definition.AutoStart.Should().BeFalse("normalization is pure");
    }

    [Fact]
    public void Normalize_ServiceWithoutAutoStartOrHidden_AddsThem()
    {
        var normalized = AppDefinitionNormalizer.Normalize(AppDefinition.Parse("""{"name": "s", "type": "node", "service": true, "details": {"path": "a.js"}}"""), StoreKind.Regular);

        normalized.ToJsonString().Should().Be("""{"name":"s","type":"node","service":true,"details":{"path":"a.js","hidden":true},"autoStart":true}""");
    }

    [Fact]
    public void ReadJson_ServiceWithNumericRunPriority_EditsTheWrittenTextAndKeepsItsLayoutAndComments()
    {
        const string json = """
            {"name": "s", "type": "workspaces", /* kept */ "service": true, "runPriority": 3,
             "details": {},
            }
            """;

        var normalized = Json.Single(json, StoreKind.System);

        // The same content, in the same key order, as writing the definition out would give ...
        normalized.ToJsonString().Should().Be("""{"name":"s","type":"workspaces","service":true,"runPriority":{"stage":"core","priority":3},"details":{"hidden":true},"autoStart":true}""");
        // ... but the fixes are edits of the definition's own text: its layout (and comments) stay as written.
        normalized.Json.GetRawText().Should().Contain("/* kept */").And.Contain("\"runPriority\": {\"stage\": \"core\", \"priority\": 3}");
        normalized.Should().Be(AppDefinitionNormalizer.Normalize(AppDefinition.Parse(json), StoreKind.System));
    }

    [Theory]
    [InlineData(StoreKind.System, "no", InitializationWait.No)]
    [InlineData(StoreKind.Regular, "interopReady", InitializationWait.InteropReady)]
    [InlineData(StoreKind.InMemory, "interopReady", InitializationWait.InteropReady)]
    public void Normalize_NumericRunPriority_BecomesCoreStageObjectWithTheStoreDefaultWait(StoreKind kind, string wait, InitializationWait expected)
    {
        var normalized = AppDefinitionNormalizer.Normalize(AppDefinition.Parse("""{"name": "n", "type": "node", "runPriority": 7.5, "details": {"path": "a.js"}}"""), kind);

        normalized.ToJsonString().Should().Contain("\"runPriority\":{\"stage\":\"core\",\"priority\":7.5}", "the wait default is for {0}", wait);
        normalized.RunPriority.Should().Be(new RunPriority(BootStage.Core, 7.5, null, expected));
        normalized.StoreKind.Should().Be(kind);
    }

    [Theory]
    [InlineData(StoreKind.System, BootStage.Core, InitializationWait.No)]
    [InlineData(StoreKind.Regular, BootStage.User, InitializationWait.InteropReady)]
    public void Normalize_PartialRunPriorityObject_TypedViewFillsStagePriorityAndWait(StoreKind kind, BootStage stage, InitializationWait wait)
    {
        var normalized = AppDefinitionNormalizer.Normalize(AppDefinition.Parse("""{"name": "n", "type": "node", "runPriority": {"timeout": 5000}, "details": {"path": "a.js"}}"""), kind);

        normalized.RunPriority.Should().Be(new RunPriority(stage, 0, TimeSpan.FromSeconds(5), wait));
        normalized.Json.GetProperty("runPriority").ToString().Should().Be("""{"timeout": 5000}""", "defaults live in the typed view; the JSON keeps what was written");
    }

    [Fact]
    public void Normalize_ExplicitWait_IsKept()
    {
        var normalized = AppDefinitionNormalizer.Normalize(AppDefinition.Parse("""{"name": "n", "type": "node", "runPriority": {"stage": "user", "priority": 1, "waitForInitialization": true}, "details": {"path": "a.js"}}"""), StoreKind.System);

        normalized.RunPriority!.WaitForInitialization.Should().Be(InitializationWait.Yes);
    }

    [Fact]
    public void Normalize_NoRunPriority_TypedViewUsesTheStoreDefaultAndJsonIsUnchanged()
    {
        var definition = AppDefinition.Parse(Json.Base("window"));

        var normalized = AppDefinitionNormalizer.Normalize(definition, StoreKind.System);

        normalized.RunPriority.Should().Be(RunPriority.Default(StoreKind.System));
        normalized.Json.TryGetProperty("runPriority", out _).Should().BeFalse();
        normalized.Should().Be(definition);
        definition.RunPriority.Should().BeNull("a definition that was not normalized does not know its store");
    }

    [Fact]
    public void Normalize_Macros_AreKeptRaw()
    {
        const string json = """{"name": "m", "type": "exe", "asset": {"src": "https://x/a.zip"}, "details": {"path": "$ASSET_LOCATION$", "command": "%GDDIR%/a.exe", "parameters": "%USERNAME% %VAR%"}}""";

        var normalized = Json.Single(json);

        normalized.ToJsonString().Should().Be(AppDefinition.Parse(json).ToJsonString());
    }

    [Fact]
    public void Normalize_Twice_GivesTheSameJson()
    {
        var definition = AppDefinition.Parse("""{"name": "s", "type": "node", "service": true, "runPriority": 3, "details": {"path": "a.js"}}""");

        var once = AppDefinitionNormalizer.Normalize(definition, StoreKind.Regular);
        var twice = AppDefinitionNormalizer.Normalize(once, StoreKind.Regular);

        twice.ToJsonString().Should().Be(once.ToJsonString());
        twice.Should().BeSameAs(once);
    }

    [Fact]
    public void ReadJson_Definitions_AreNormalizedForTheStoreKind()
    {
        var result = Json.Read("""{"name": "s", "type": "node", "service": true, "details": {"path": "a.js"}}""", StoreKind.System);

        var definition = result.Definitions.Should().ContainSingle().Subject;
        definition.AutoStart.Should().BeTrue();
        definition.StoreKind.Should().Be(StoreKind.System);
        definition.RunPriority.Should().Be(new RunPriority(BootStage.Core, 0, null, InitializationWait.No));
    }
}
