using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <summary>
/// Normalizes definitions: a pure function from (definition, store kind) to the definition the platform acts on.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>"service": true</c> forces <c>autoStart</c> and <c>details.hidden</c> to <see langword="true"/>.</item>
/// <item>A numeric <c>runPriority</c> n becomes <c>{"stage": "core", "priority": n}</c>.</item>
/// <item>The definition records its store kind, so <see cref="AppDefinition.RunPriority"/> fills what <c>runPriority</c> leaves out:
/// <c>stage</c> (core for system stores, user otherwise), <c>priority</c> (0) and <c>waitForInitialization</c>
/// (<c>"no"</c> for system stores, <c>"interopReady"</c> for regular and in-memory stores). The JSON keeps what was written,
/// so these defaults need no rewrite of the JSON.</item>
/// <item>Macros (<c>%VAR%</c>, <c>%GDDIR%</c>, <c>$ASSET_LOCATION$</c>) are kept raw; they are expanded only at launch.</item>
/// </list>
/// Everything else, including unknown properties and key order, is kept. Normalizing twice gives the same result.
/// </remarks>
public static class AppDefinitionNormalizer
{
    /// <summary>Normalizes one definition for a store kind.</summary>
    /// <param name="definition">The definition (normally already validated).</param>
    /// <param name="kind">The kind of store it comes from.</param>
    /// <returns>The normalized definition; its <see cref="AppDefinition.StoreKind"/> is <paramref name="kind"/>.</returns>
    public static AppDefinition Normalize(AppDefinition definition, StoreKind kind)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var json = definition.Json;
        var service = definition.Service;
        var details = definition.Details;
        var fixAutoStart = service && AppDefinition.ReadBool(json, "autoStart") != true;
        var fixHidden = service && details.ValueKind == JsonValueKind.Object && AppDefinition.ReadBool(details, "hidden") != true;
        var fixRunPriority = json.TryGetProperty("runPriority", out var rp) && rp.ValueKind == JsonValueKind.Number;
        return Normalize(definition, kind, fixAutoStart, fixHidden, fixRunPriority);
    }

    /// <summary>
    /// <see cref="Normalize(AppDefinition, StoreKind)"/> when the caller already knows what needs fixing (the reader's validator
    /// read those properties in its own pass).
    /// </summary>
    internal static AppDefinition Normalize(AppDefinition definition, StoreKind kind, bool fixAutoStart, bool fixHidden, bool fixRunPriority)
    {
        if (!fixAutoStart && !fixHidden && !fixRunPriority)
        {
            return definition.StoreKind == kind ? definition : definition.WithStoreKind(kind);
        }

        return definition.WithJson(Fixed(definition.Json, fixAutoStart, fixHidden, fixRunPriority), kind);
    }

    /// <summary>
    /// The JSON of <paramref name="json"/> with the normalizer's fixes applied, as a new element that owns its memory
    /// (<paramref name="json"/> may be part of a larger document).
    /// </summary>
    internal static JsonElement Fixed(JsonElement json, bool fixAutoStart, bool fixHidden, bool fixRunPriority) =>
        // The usual case: the fixed values spliced into the definition's own text, parsed once. The rare shapes the splice
        // does not handle (a duplicate details.hidden, a details that is not an object) are written out property by property.
        NormalizedText.Splice(json, fixAutoStart, fixHidden, fixRunPriority) is { } spliced
            ? JsonElements.Owned(spliced)
            : Rewrite(json, fixAutoStart, fixHidden, fixRunPriority);

    private static JsonElement Rewrite(JsonElement json, bool fixAutoStart, bool fixHidden, bool fixRunPriority) =>
        JsonElements.Build(writer =>
        {
            writer.WriteStartObject();
            var wroteAutoStart = false;
            foreach (var property in json.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "autoStart" when fixAutoStart:
                        writer.WriteBoolean("autoStart", true);
                        wroteAutoStart = true;
                        break;
                    case "details" when fixHidden:
                        writer.WritePropertyName("details");
                        WriteDetailsHidden(writer, property.Value);
                        break;
                    case "runPriority" when fixRunPriority:
                        writer.WritePropertyName("runPriority");
                        WriteRunPriority(writer, property.Value);
                        break;
                    default:
                        property.WriteTo(writer);
                        break;
                }
            }

            if (fixAutoStart && !wroteAutoStart)
            {
                writer.WriteBoolean("autoStart", true);
            }

            writer.WriteEndObject();
        });

    private static void WriteDetailsHidden(Utf8JsonWriter writer, JsonElement details)
    {
        writer.WriteStartObject();
        var wrote = false;
        foreach (var property in details.EnumerateObject())
        {
            if (property.Name == "hidden")
            {
                if (!wrote)
                {
                    writer.WriteBoolean("hidden", true);
                    wrote = true;
                }
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        if (!wrote)
        {
            writer.WriteBoolean("hidden", true);
        }

        writer.WriteEndObject();
    }

    private static void WriteRunPriority(Utf8JsonWriter writer, JsonElement value)
    {
        writer.WriteStartObject();
        writer.WriteString("stage", "core");
        writer.WritePropertyName("priority");
        value.WriteTo(writer);
        writer.WriteEndObject();
    }
}
