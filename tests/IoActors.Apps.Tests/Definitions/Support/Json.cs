using System.Text.Json;
using IoActors.Apps.Definitions;

namespace IoActors.Apps.Tests.Definitions.Support;

/// <summary>Helpers to build definitions in tests.</summary>
internal static class Json
{
    /// <summary>Reads JSON text that holds exactly one definition and returns the result.</summary>
    public static AppDefinitionReadResult Read(string json, StoreKind kind = StoreKind.Regular, AppDefinitionOverrides? overrides = null) =>
        AppDefinitionReader.ReadJson(json, "test.json", kind, overrides);

    public static AppDefinition Single(string json, StoreKind kind = StoreKind.Regular)
    {
        var result = Read(json, kind);
        if (result.Definitions.Count != 1)
        {
            throw new InvalidOperationException("Expected one valid definition, got: " + string.Join("; ", result.Problems));
        }

        return result.Definitions[0];
    }

    /// <summary>Minimal valid definitions per type.</summary>
    public static string Base(string type) => type switch
    {
        "window" => """{"name": "app", "type": "window", "details": {"url": "https://example.com"}}""",
        "exe" => """{"name": "app", "type": "exe", "details": {"path": "C:/apps", "command": "app.exe"}}""",
        "node" => """{"name": "app", "type": "node", "details": {"path": "app.js"}}""",
        "clickonce" => """{"name": "app", "type": "clickonce", "details": {"url": "https://example.com/app.application"}}""",
        "citrix" => """{"name": "app", "type": "citrix", "details": {"name": "Published App"}}""",
        "workspaces" => """{"name": "app", "type": "workspaces", "details": {}}""",
        "webGroup" => """{"name": "app", "type": "webGroup", "details": {"url": "https://example.com/group"}}""",
        "childWindow" => """{"name": "app", "type": "childWindow", "details": {"owner": "parent-app"}}""",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Deep-merges <paramref name="fragment"/> into the minimal definition of <paramref name="type"/>.</summary>
    public static string WithFragment(string type, string fragment)
    {
        var merged = JsonMerge.Merge(Element(Base(type)), Element(fragment));
        return AppDefinition.FromJson(merged).ToJsonString();
    }

    public static JsonElement Element(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        return doc.RootElement.Clone();
    }
}
