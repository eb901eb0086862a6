using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <summary>Deep merge of JSON values: objects merge key by key (recursively), anything else (arrays included) is replaced.</summary>
internal static class JsonMerge
{
    /// <summary>Writes <paramref name="target"/> with <paramref name="patch"/> merged over it. Keys keep the target's order; new keys follow.</summary>
    public static void Write(Utf8JsonWriter writer, JsonElement target, JsonElement patch)
    {
        if (target.ValueKind != JsonValueKind.Object || patch.ValueKind != JsonValueKind.Object)
        {
            patch.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        foreach (var property in target.EnumerateObject())
        {
            if (patch.TryGetProperty(property.Name, out var over))
            {
                writer.WritePropertyName(property.Name);
                Write(writer, property.Value, over);
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        foreach (var property in patch.EnumerateObject())
        {
            if (!target.TryGetProperty(property.Name, out _))
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    public static JsonElement Merge(JsonElement target, JsonElement patch) => JsonElements.Build(w => Write(w, target, patch));
}
