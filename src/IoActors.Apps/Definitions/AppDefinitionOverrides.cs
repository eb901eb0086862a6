using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <summary>
/// A store's <c>appDefinitionOverrides</c>: top-level keys override the definition's top-level keys; an object named after
/// an app type (<c>"window"</c>, <c>"exe"</c>, <c>"node"</c>, <c>"workspaces"</c>, <c>"webGroup"</c>, <c>"clickonce"</c>,
/// <c>"citrix"</c>, <c>"childWindow"</c>) overrides inside <c>details</c> of the apps of that type. Objects deep-merge;
/// arrays and other values replace.
/// </summary>
public sealed class AppDefinitionOverrides
{
    private static readonly string[] TypeKeys = ["window", "exe", "node", "workspaces", "webGroup", "clickonce", "citrix", "childWindow"];

    private readonly JsonElement _topLevel;
    private readonly Dictionary<string, JsonElement> _perType;

    private AppDefinitionOverrides(JsonElement topLevel, Dictionary<string, JsonElement> perType)
    {
        _topLevel = topLevel;
        _perType = perType;
    }

    /// <summary>No overrides.</summary>
    public static AppDefinitionOverrides Empty { get; } = new(default, []);

    /// <summary>Whether these overrides change nothing.</summary>
    public bool IsEmpty => _topLevel.ValueKind != JsonValueKind.Object && _perType.Count == 0;

    /// <summary>Reads overrides from a JSON object, reporting every problem at once.</summary>
    /// <param name="overrides">The <c>appDefinitionOverrides</c> object.</param>
    /// <returns>The overrides.</returns>
    /// <exception cref="ArgumentException">It is not an object, a per-type key is not an object, or it overrides <c>name</c> or <c>type</c>; the message lists every problem.</exception>
    public static AppDefinitionOverrides Parse(JsonElement overrides)
    {
        var problems = new List<string>();
        if (overrides.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"appDefinitionOverrides: expected an object, got {overrides.ValueKind.ToString().ToLowerInvariant()}.", nameof(overrides));
        }

        var perType = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var hasTopLevel = false;
        foreach (var property in overrides.EnumerateObject())
        {
            if (Array.IndexOf(TypeKeys, property.Name) >= 0)
            {
                if (property.Value.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"appDefinitionOverrides.{property.Name}: expected an object of details properties, got {DefinitionValidator.Show(property.Value)}");
                }
                else
                {
                    perType[property.Name] = property.Value.Clone();
                }
            }
            else if (property.Name is "name" or "type")
            {
                problems.Add($"appDefinitionOverrides.{property.Name}: cannot be overridden (it identifies the app)");
            }
            else
            {
                hasTopLevel = true;
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(overrides));
        }

        var topLevel = hasTopLevel
            ? JsonElements.Build(w =>
            {
                w.WriteStartObject();
                foreach (var property in overrides.EnumerateObject())
                {
                    if (Array.IndexOf(TypeKeys, property.Name) < 0)
                    {
                        property.WriteTo(w);
                    }
                }

                w.WriteEndObject();
            })
            : default;
        return new AppDefinitionOverrides(topLevel, perType);
    }

    /// <summary>Reads overrides from JSON text (comments and trailing commas allowed).</summary>
    /// <param name="json">The <c>appDefinitionOverrides</c> object as text.</param>
    /// <returns>The overrides.</returns>
    /// <exception cref="ArgumentException">The text is not valid JSON or not valid overrides.</exception>
    public static AppDefinitionOverrides Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json, AppDefinition.DocumentOptions);
            return Parse(doc.RootElement);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"appDefinitionOverrides: line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: {ex.Message}", nameof(json), ex);
        }
    }

    /// <summary>Applies the overrides to one definition (a pure function; the input is unchanged).</summary>
    /// <param name="definition">The definition as read from the store.</param>
    /// <returns>The overridden definition, or <paramref name="definition"/> itself when nothing applies.</returns>
    public AppDefinition Apply(AppDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var hasTop = _topLevel.ValueKind == JsonValueKind.Object;
        var hasType = _perType.TryGetValue(definition.TypeName, out var detailsPatch);
        if (!hasTop && !hasType)
        {
            return definition;
        }

        var json = definition.Json;
        var merged = JsonElements.Build(writer =>
        {
            if (!hasType)
            {
                JsonMerge.Write(writer, json, _topLevel);
                return;
            }

            // Top-level first, then the per-type patch inside details (which wins over a top-level "details" override).
            var afterTop = hasTop ? JsonMerge.Merge(json, _topLevel) : json;
            writer.WriteStartObject();
            var wroteDetails = false;
            foreach (var property in afterTop.EnumerateObject())
            {
                if (property.Name == "details" && !wroteDetails)
                {
                    writer.WritePropertyName("details");
                    JsonMerge.Write(writer, property.Value.ValueKind == JsonValueKind.Object ? property.Value : EmptyObject, detailsPatch);
                    wroteDetails = true;
                }
                else if (property.Name != "details")
                {
                    property.WriteTo(writer);
                }
            }

            if (!wroteDetails)
            {
                writer.WritePropertyName("details");
                detailsPatch.WriteTo(writer);
            }

            writer.WriteEndObject();
        });
        return AppDefinition.Create(merged, definition.Source, definition.StoreKind);
    }

    private static readonly JsonElement EmptyObject = JsonElements.FromUtf8("{}"u8);
}
