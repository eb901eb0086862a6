using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Apps.Definitions;

namespace IoActors.Platform.Tests.Support;

/// <summary>Builds app definitions for the instance tests.</summary>
internal static class TestApps
{
    public static AppDefinition Node(string name, string script, string? parameters = null, object? restartPolicy = null, bool allowMultiple = true, string? title = null, Action<JsonObject>? details = null)
    {
        var d = new JsonObject { ["path"] = script };
        if (parameters is not null)
        {
            d["parameters"] = parameters;
        }

        details?.Invoke(d);
        return Build(name, "node", d, restartPolicy, allowMultiple, title);
    }

    public static AppDefinition Exe(string name, string path, string command, string? parameters = null)
    {
        var d = new JsonObject { ["path"] = path, ["command"] = command };
        if (parameters is not null)
        {
            d["parameters"] = parameters;
        }

        return Build(name, "exe", d, null, true, null);
    }

    public static AppDefinition Of(string name, string type, JsonObject details, object? restartPolicy = null, bool allowMultiple = true, string? title = null, Action<JsonObject>? top = null)
    {
        var def = Build(name, type, details, restartPolicy, allowMultiple, title).ToJsonObject();
        top?.Invoke(def);
        return AppDefinition.FromJson(def);
    }

    public static AppDefinition Build(string name, string type, JsonObject details, object? restartPolicy, bool allowMultiple, string? title)
    {
        var root = new JsonObject
        {
            ["name"] = name,
            ["type"] = type,
            ["title"] = title ?? name,
            ["allowMultiple"] = allowMultiple,
            ["details"] = details,
        };
        if (restartPolicy is not null)
        {
            root["restartPolicy"] = JsonSerializer.SerializeToNode(restartPolicy);
        }

        return AppDefinition.FromJson(root);
    }

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
