using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Apps.Stores;
using IoActors.Platform.Layouts;
using IoActors.Platform.Preferences;

namespace IoActors.Platform.Manager;

/// <summary>
/// The io.Manager user API's bodies as the platform reads and writes them. A layout travels as its
/// <see cref="PlatformLayout"/> JSON (camelCase: <c>name</c>, <c>type</c>, <c>components</c>, <c>context</c>, <c>metadata</c>,
/// <c>version</c>, <c>savedAt</c>) in the string <c>definition</c>, with <c>type</c> and <c>name</c> also as fields (the fields
/// win when reading); preferences are <c>{ app, data, lastUpdate }</c>.
/// </summary>
internal static class ManagerWire
{
    private const int MaxDetail = 300;

    private static readonly JsonSerializerOptions s_layout = new(JsonSerializerDefaults.Web);

    /// <summary>A layout as the <c>definition</c> string.</summary>
    public static string Definition(PlatformLayout layout) => JsonSerializer.Serialize(layout, s_layout);

    /// <summary>The body of <c>POST /user/layouts</c>.</summary>
    public static JsonObject SaveBody(string type, string name, string definition, string? id)
    {
        var body = new JsonObject { ["definition"] = definition, ["type"] = type, ["name"] = name };
        if (id is not null)
        {
            body["id"] = id;
        }

        return body;
    }

    /// <summary>Reads one stored layout of io.Manager (<c>{ definition, id, type, name }</c>).</summary>
    /// <exception cref="LayoutException">It is not one; the message names where and why.</exception>
    public static (PlatformLayout Layout, string? Id) ReadLayout(JsonElement item, string at, DateTimeOffset now)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new LayoutException($"{at}: must be an object, not {item.ValueKind.ToString().ToLowerInvariant()}.");
        }

        var id = Text(item, "id");
        if (!item.TryGetProperty("definition", out var definition) || definition.ValueKind is not (JsonValueKind.String or JsonValueKind.Object))
        {
            throw new LayoutException($"{at} (id {id ?? "none"}).definition: must be the layout as a JSON string.");
        }

        JsonElement parsed;
        if (definition.ValueKind == JsonValueKind.Object)
        {
            parsed = definition;
        }
        else
        {
            try
            {
                using var document = JsonDocument.Parse(definition.GetString()!);
                parsed = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new LayoutException($"{at} (id {id ?? "none"}).definition: is not JSON: {OneLine(e.Message)}");
            }
        }

        // The fields name the layout (a rename changes them, not the definition): they go in over the definition's own.
        var node = JsonNode.Parse(parsed.GetRawText()) as JsonObject ?? throw new LayoutException($"{at} (id {id ?? "none"}).definition: must be a JSON object.");
        if (Text(item, "name") is { } name)
        {
            node["name"] = name;
        }

        if (Text(item, "type") is { } type)
        {
            node["type"] = type;
        }

        var layout = LayoutReader.Read(JsonSerializer.SerializeToElement(node), at, now);
        if (parsed.TryGetProperty("savedAt", out var savedAt) && savedAt.ValueKind == JsonValueKind.String && savedAt.TryGetDateTimeOffset(out var at2))
        {
            layout = layout with { SavedAt = at2 };
        }

        return (layout, id);
    }

    /// <summary>Reads one stored preferences record (<c>{ app, data, lastUpdate }</c>), or why it cannot be used.</summary>
    public static (AppPreferences? Preferences, string? Problem) ReadPreferences(JsonElement item, int index)
    {
        if (item.ValueKind != JsonValueKind.Object || Text(item, "app") is not { } app || string.IsNullOrWhiteSpace(app))
        {
            return (null, $"[{index}]: not an object with an \"app\" string");
        }

        if (!item.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return (null, $"[{index}] ('{app}').data: must be a JSON object");
        }

        DateTimeOffset? lastUpdate = item.TryGetProperty("lastUpdate", out var last) && last.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(last.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
        return (new AppPreferences(app, data.Clone(), lastUpdate), null);
    }

    /// <summary>A JSON body, or the reason it is none (naming the request).</summary>
    public static (JsonElement Root, string? Problem) Json(FetchResult result, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(result.Body);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, $"{what} answered {result.Status} with a body that is not JSON: {OneLine(e.Message)}");
        }
    }

    /// <summary>What went wrong with a request: the failure, or the status with the problem details' title and detail when the body has them.</summary>
    public static string Describe(FetchResult result, string method)
    {
        var text = result.Describe(method);
        if (result.Error is not null || result.Body.Length is 0 or > 64 * 1024)
        {
            return text;
        }

        try
        {
            using var document = JsonDocument.Parse(result.Body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var parts = new[] { Text(root, "title"), Text(root, "detail") }.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
                if (parts.Count > 0)
                {
                    var detail = OneLine(string.Join(": ", parts));
                    return $"{text}: {(detail.Length > MaxDetail ? detail[..MaxDetail] + "..." : detail)}";
                }
            }
        }
        catch (JsonException)
        {
        }

        return text;
    }

    /// <summary>A string member, or <see langword="null"/>; a number member as its text (ids may be numbers).</summary>
    public static string? Text(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>The UTF-8 size of a text.</summary>
    public static long Bytes(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);

    /// <summary>Text on one line: control characters become spaces.</summary>
    public static string OneLine(string text)
    {
        var line = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            line.Append(char.IsControl(c) ? ' ' : c);
        }

        return line.ToString().Trim();
    }
}
