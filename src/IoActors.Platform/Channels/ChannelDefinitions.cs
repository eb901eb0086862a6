using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Platform.Configuration;
using IoActors.Platform.Hosting;

namespace IoActors.Platform.Channels;

/// <summary>Reads and checks <c>channels.definitions</c>; every problem names the key (<c>channels.definitions[2].meta.color</c>).</summary>
internal static class ChannelDefinitions
{
    /// <summary>The longest channel name accepted.</summary>
    public const int MaxNameLength = 256;

    /// <summary>The channels to offer (none when <c>channels.enabled</c> is false), or throws when a definition is invalid.</summary>
    public static IReadOnlyList<ChannelDefinition> Read(ChannelsOptions options)
    {
        var errors = new List<string>();
        var channels = Read(options, errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", errors));
        }

        return options.Enabled ? channels : [];
    }

    /// <summary>Reads every definition, adding one error per problem; returns the valid ones.</summary>
    public static List<ChannelDefinition> Read(ChannelsOptions options, List<string> errors)
    {
        var channels = new List<ChannelDefinition>();
        if (options.Definitions is not { } section || !section.GetChildren().Any())
        {
            return channels;
        }

        if (PlatformSettings.ToJson(section) is not JsonArray list)
        {
            errors.Add("channels.definitions: must be an array of { name, meta { color } } objects");
            return channels;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var at = $"channels.definitions[{i}]";
            if (list[i] is not JsonObject definition)
            {
                errors.Add($"{at}: must be an object {{ name, meta {{ color }} }}");
                continue;
            }

            foreach (var key in definition.Select(p => p.Key).Where(k => k is not ("name" or "meta")))
            {
                errors.Add($"{at}.{key}: unknown property (a channel has name and meta; put other data into meta)");
            }

            var name = definition["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? s : null;
            var ok = true;
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add($"{at}.name: {Show(definition["name"])} must be a non-empty string");
                ok = false;
            }
            else if (name.Length > MaxNameLength || name.Any(char.IsControl))
            {
                errors.Add($"{at}.name: \"{Escape(name)}\" must be 1 to {MaxNameLength} characters without control characters");
                ok = false;
            }
            else if (!names.Add(name))
            {
                errors.Add($"{at}.name: \"{name}\" is defined twice (channel names are unique)");
                ok = false;
            }

            if (definition["meta"] is not JsonObject meta)
            {
                // The configuration keeps no empty object: "meta { }" reads as no meta at all.
                errors.Add(definition["meta"] is null
                    ? $"{at}.meta: is missing or empty; it must be an object with at least color"
                    : $"{at}.meta: {Show(definition["meta"])} must be an object with at least color");
                continue;
            }

            if (meta["color"] is not JsonValue c || !c.TryGetValue<string>(out var color) || string.IsNullOrWhiteSpace(color))
            {
                errors.Add($"{at}.meta.color: {Show(meta["color"])} must be a non-empty string (an HTML color name or a #hex code)");
                ok = false;
            }

            if (meta["fdc3"] is { } fdc3 && (fdc3 is not JsonObject f || f["id"] is not JsonValue id || !id.TryGetValue<string>(out var fdc3Id) || string.IsNullOrWhiteSpace(fdc3Id)))
            {
                errors.Add($"{at}.meta.fdc3: {Show(fdc3)} must be an object with a non-empty string id (the FDC3 user channel id)");
                ok = false;
            }

            if (ok)
            {
                channels.Add(new ChannelDefinition(name!, JsonSerializer.SerializeToElement(meta)));
            }
        }

        var fdc3Ids = channels
            .Select(c => c.Meta.TryGetProperty("fdc3", out var f) && f.TryGetProperty("id", out var id) ? id.GetString() : null)
            .Where(id => id is not null)
            .GroupBy(id => id, StringComparer.Ordinal)
            .Where(g => g.Count() > 1);
        foreach (var twice in fdc3Ids)
        {
            errors.Add($"channels.definitions: meta.fdc3.id \"{twice.Key}\" is used by {twice.Count()} channels (an FDC3 user channel id names one channel)");
        }

        return channels;
    }

    // JSON as written (quotes and all), with control characters escaped so that a message stays one readable line.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Show(JsonNode? value) => value is null ? "null" : value.ToJsonString(Readable);

    private static string Escape(string text) => JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
}
