using System.Text.Json;
using IoActors.Apps.Definitions;

namespace IoActors.Platform.Instances;

/// <summary>Small typed reads of <c>details</c> properties.</summary>
internal static class DetailsReader
{
    public static string? String(AppDefinition definition, string name) =>
        definition.Details.ValueKind == JsonValueKind.Object && definition.Details.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    public static JsonElement Element(AppDefinition definition, string name) =>
        definition.Details.ValueKind == JsonValueKind.Object && definition.Details.TryGetProperty(name, out var v) ? v : default;

    public static string? String(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool? Bool(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    public static double? Number(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    public static List<KeyValuePair<string, string>> Headers(JsonElement obj)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Array)
        {
            foreach (var header in h.EnumerateArray())
            {
                if (String(header, "name") is { } n && String(header, "value") is { } v)
                {
                    list.Add(new(n, v));
                }
            }
        }

        return list;
    }
}
