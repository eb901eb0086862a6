using System.Text.Json.Nodes;

namespace IoActors.Gateway.Internal;

/// <summary>Applies an <c>update-context</c> delta (reset, path commands, or added/updated/removed) to context data.</summary>
internal static class ContextDelta
{
    public static JsonObject Apply(JsonObject data, JsonObject delta)
    {
        if (delta["reset"] is JsonObject reset)
        {
            return (JsonObject)reset.DeepClone();
        }

        var result = (JsonObject)data.DeepClone();
        if (delta["commands"] is JsonArray commands && commands.Count > 0)
        {
            foreach (var node in commands)
            {
                if (node is not JsonObject command || command["path"]?.GetValue<string>() is not { Length: > 0 } path)
                {
                    throw new FormatException("every delta command needs a non-empty string 'path'");
                }

                switch (command["type"]?.GetValue<string>())
                {
                    case "set":
                        SetPath(result, path, command["value"]?.DeepClone());
                        break;
                    case "remove":
                        RemovePath(result, path);
                        break;
                    default:
                        throw new FormatException($"delta command type '{command["type"]}' is not 'set' or 'remove'");
                }
            }

            return result;
        }

        if (delta["added"] is JsonObject added)
        {
            foreach (var (key, value) in added)
            {
                result[key] = value?.DeepClone();
            }
        }

        if (delta["updated"] is JsonObject updated)
        {
            foreach (var (key, value) in updated)
            {
                result[key] = Merge(result[key], value);
            }
        }

        if (delta["removed"] is JsonArray removed)
        {
            foreach (var key in removed)
            {
                if (key?.GetValue<string>() is { } k)
                {
                    result.Remove(k);
                }
            }
        }

        return result;
    }

    private static JsonNode? Merge(JsonNode? left, JsonNode? right)
    {
        if (left is JsonObject l && right is JsonObject r)
        {
            var merged = (JsonObject)l.DeepClone();
            foreach (var (key, value) in r)
            {
                merged[key] = Merge(merged[key], value);
            }

            return merged;
        }

        return right?.DeepClone();
    }

    private static void SetPath(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var current = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (current[parts[i]] is not JsonObject next)
            {
                next = new JsonObject();
                current[parts[i]] = next;
            }

            current = next;
        }

        current[parts[^1]] = value;
    }

    private static void RemovePath(JsonObject root, string path)
    {
        var parts = path.Split('.');
        var current = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (current[parts[i]] is not JsonObject next)
            {
                return;
            }

            current = next;
        }

        current.Remove(parts[^1]);
    }
}
