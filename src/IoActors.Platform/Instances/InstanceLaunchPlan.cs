using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Apps.Definitions;

namespace IoActors.Platform.Instances;

/// <summary>Turns a definition, start options and context into what a launcher gets: the effective definition and the environment.</summary>
internal static class InstanceLaunchPlan
{
    /// <summary>Environment variable with the instance ID.</summary>
    public const string InstanceIdVariable = "IOACTORS_INSTANCE_ID";

    /// <summary>Environment variable with the app name.</summary>
    public const string AppNameVariable = "IOACTORS_APP_NAME";

    /// <summary>Environment variable with the platform HTTP API URL.</summary>
    public const string ApiUrlVariable = "IOACTORS_API_URL";

    /// <summary>Environment variable with the platform API token.</summary>
    public const string ApiTokenVariable = "IOACTORS_API_TOKEN";

    /// <summary>Environment variable with the JSON starting context (io.Connect's name).</summary>
    public const string StartingContextVariable = "_GD_STARTING_CONTEXT_";

    /// <summary>The definition with <paramref name="options"/> deep-merged into <c>details</c> and every macro in <c>details</c> expanded.</summary>
    public static AppDefinition Effective(AppDefinition definition, JsonObject? options, string platformDirectory, string? assetLocation)
    {
        // Nothing to merge and no macro to expand (the common case, e.g. every auto-start app of a boot): the definition
        // as it is, without a round trip through JSON.
        if ((options is null || options.Count == 0) && !Macros.AnyIn(definition.Details, assetLocation is not null))
        {
            return definition;
        }

        var root = definition.ToJsonObject();
        var details = root["details"] as JsonObject ?? new JsonObject();
        if (options is not null)
        {
            Merge(details, options);
        }

        Macros.ExpandAll(details, platformDirectory, assetLocation);
        root["details"] = details;
        return AppDefinition.FromJson(root, definition.Source);
    }

    /// <summary>The environment variables an instance's process receives.</summary>
    public static Dictionary<string, string> Environment(InstanceInfo info, InstanceManagerSettings settings)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [InstanceIdVariable] = info.Id,
            [AppNameVariable] = info.AppName,
            [StartingContextVariable] = StartingContext(info, settings),
        };
        if (settings.ApiUrl is { } url)
        {
            env[ApiUrlVariable] = url;
        }

        if (settings.ApiToken is { } token)
        {
            env[ApiTokenVariable] = token;
        }

        return env;
    }

    /// <summary>The <c>_GD_STARTING_CONTEXT_</c> JSON: applicationName, instanceId, context, title, instanceIndex, startedBy, apiUrl.</summary>
    public static string StartingContext(InstanceInfo info, InstanceManagerSettings settings)
    {
        var obj = new JsonObject
        {
            ["applicationName"] = info.AppName,
            ["instanceId"] = info.Id,
            ["context"] = info.Context is { } c ? JsonNode.Parse(c.GetRawText()) : null,
            ["title"] = info.Title,
            ["instanceIndex"] = info.InstanceIndex,
            ["startedBy"] = new JsonObject
            {
                ["applicationName"] = info.StartedBy.ApplicationName,
                ["instanceID"] = info.StartedBy.InstanceId,
                ["startedBy"] = info.StartedBy.KindName,
            },
            ["apiUrl"] = settings.ApiUrl,
        };
        if (settings.StartingContextExtension?.Invoke(info) is { } extra)
        {
            foreach (var (key, value) in extra.ToList())
            {
                extra.Remove(key);
                obj[key] = value;
            }
        }

        return obj.ToJsonString();
    }

    /// <summary>Applies <c>applications.titleFormat</c>.</summary>
    public static string Title(string format, string title, int instanceIndex) =>
        format.Replace("{title}", title, StringComparison.Ordinal).Replace("{instanceIndex}", instanceIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is JsonObject sourceObject && target[key] is JsonObject targetObject)
            {
                Merge(targetObject, sourceObject);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    /// <summary>Parses a context string for tests and callers that hold JSON text.</summary>
    public static JsonElement ParseContext(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
