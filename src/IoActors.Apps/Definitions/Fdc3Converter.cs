using System.Text.Json;
using System.Text.Json.Nodes;

namespace IoActors.Apps.Definitions;

/// <summary>
/// Converts FDC3 App Directory records to io.Connect definitions.
/// v2 (appId, title, type web|native|citrix|onlineNative|other, details, hostManifests): an io.Connect/Glue42 entry in
/// hostManifests wins (merged over the converted record); otherwise web → window (details.url), native → exe
/// (details.path split into directory and command, details.arguments joined into parameters), citrix → citrix
/// (details.alias → name). v1.x (appId, name, manifest as a JSON string, manifestType): the manifest is the definition.
/// The original record is kept under <c>"fdc3"</c>.
/// </summary>
internal static class Fdc3Converter
{
    private static readonly string[] V2Types = ["web", "native", "citrix", "onlineNative", "other"];
    private static readonly string[] HostKeys = ["io.Connect", "ioConnect", "io.connect", "ioconnect", "iocd", "Glue42", "glue42", "glue"];

    /// <summary>Whether the record looks like an FDC3 record rather than an io.Connect definition.</summary>
    public static bool IsFdc3(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object || !record.TryGetProperty("appId", out var appId) || appId.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var type = AppDefinition.ReadString(record, "type");
        return type is null ? !record.TryGetProperty("details", out _) || record.TryGetProperty("manifest", out _) : Array.IndexOf(V2Types, type) >= 0;
    }

    /// <summary>Converts a record; on failure returns <see langword="null"/> and adds the reasons (path, message) to <paramref name="problems"/>.</summary>
    public static JsonElement? Convert(JsonElement record, List<RawProblem> problems)
    {
        var result = new JsonObject();
        var appId = record.GetProperty("appId").GetString()!;
        var type = AppDefinition.ReadString(record, "type");
        JsonObject? manifest;
        if (type is null)
        {
            // FDC3 1.x
            result["name"] = AppDefinition.ReadString(record, "name") ?? appId;
            manifest = ReadV1Manifest(record, problems);
            if (manifest is null)
            {
                return null;
            }
        }
        else
        {
            result["name"] = appId;
            manifest = ReadHostManifest(record, problems);
        }

        if (AppDefinition.ReadString(record, "title") is { } title)
        {
            result["title"] = title;
        }
        else if (type is not null && AppDefinition.ReadString(record, "name") is { } name)
        {
            result["title"] = name;
        }

        if (AppDefinition.ReadString(record, "description") is { } description)
        {
            result["caption"] = description;
        }

        if (AppDefinition.ReadString(record, "tooltip") is { } tooltip)
        {
            result["tooltip"] = tooltip;
        }

        if (record.TryGetProperty("icons", out var icons) && icons.ValueKind == JsonValueKind.Array)
        {
            foreach (var icon in icons.EnumerateArray())
            {
                var src = icon.ValueKind == JsonValueKind.String ? icon.GetString() : icon.ValueKind == JsonValueKind.Object ? AppDefinition.ReadString(icon, "src") ?? AppDefinition.ReadString(icon, "icon") : null;
                if (src is not null)
                {
                    result["icon"] = src;
                    break;
                }
            }
        }

        if (AppDefinition.ReadString(record, "supportEmail") is { } email)
        {
            result["supportEmails"] = new JsonArray(email);
        }

        if (type is not null && (manifest is null || !manifest.ContainsKey("type")))
        {
            var details = record.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            switch (type)
            {
                case "web":
                    result["type"] = "window";
                    result["details"] = new JsonObject { ["url"] = Str(details, "url") };
                    break;
                case "native":
                    result["type"] = "exe";
                    result["details"] = NativeDetails(details);
                    break;
                case "citrix":
                    result["type"] = "citrix";
                    var citrix = new JsonObject { ["name"] = Str(details, "alias") };
                    if (JoinArguments(details) is { } args)
                    {
                        citrix["parameters"] = args;
                    }

                    result["details"] = citrix;
                    break;
                default:
                    problems.Add(new RawProblem(JsonPath.Root.Property("type"), $"\"{type}\"",
                        $"FDC3 type \"{type}\" has no io.Connect equivalent; add an io.Connect entry to hostManifests", ProblemSeverity.Error));
                    return null;
            }
        }

        var converted = JsonElements.Build(w => result.WriteTo(w));
        if (manifest is not null)
        {
            var manifestElement = JsonElements.Build(w => manifest.WriteTo(w));
            converted = JsonMerge.Merge(converted, manifestElement);
        }

        // Keep the original record for round-trip and for FDC3-aware consumers (intents, interop metadata).
        return JsonElements.Build(w =>
        {
            w.WriteStartObject();
            foreach (var property in converted.EnumerateObject())
            {
                if (property.Name != "fdc3")
                {
                    property.WriteTo(w);
                }
            }

            w.WritePropertyName("fdc3");
            record.WriteTo(w);
            w.WriteEndObject();
        });
    }

    private static JsonObject? ReadV1Manifest(JsonElement record, List<RawProblem> problems)
    {
        var path = JsonPath.Root.Property("manifest");
        if (!record.TryGetProperty("manifest", out var manifest))
        {
            problems.Add(new RawProblem(path, null, "is required for an FDC3 1.x record (the io.Connect definition as a JSON string)", ProblemSeverity.Error));
            return null;
        }

        if (manifest.ValueKind == JsonValueKind.Object)
        {
            return JsonObject.Create(manifest.Clone());
        }

        if (manifest.ValueKind != JsonValueKind.String)
        {
            problems.Add(new RawProblem(path, DefinitionValidator.Show(manifest), "expected the io.Connect definition as a JSON string", ProblemSeverity.Error));
            return null;
        }

        var text = manifest.GetString()!;
        if (!text.TrimStart().StartsWith('{'))
        {
            problems.Add(new RawProblem(path, DefinitionValidator.Show(manifest),
                "is a manifest URL; only embedded JSON manifests are supported (the store does not fetch manifests)", ProblemSeverity.Error));
            return null;
        }

        try
        {
            return JsonNode.Parse(text, documentOptions: AppDefinition.DocumentOptions) as JsonObject
                ?? throw new JsonException("the manifest is not a JSON object");
        }
        catch (JsonException ex)
        {
            problems.Add(new RawProblem(path, DefinitionValidator.Show(manifest), $"the manifest is not valid JSON: {ex.Message}", ProblemSeverity.Error));
            return null;
        }
    }

    private static JsonObject? ReadHostManifest(JsonElement record, List<RawProblem> problems)
    {
        if (!record.TryGetProperty("hostManifests", out var hosts) || hosts.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var key in HostKeys)
        {
            if (!hosts.TryGetProperty(key, out var entry))
            {
                continue;
            }

            if (entry.ValueKind == JsonValueKind.Object)
            {
                return JsonObject.Create(entry.Clone());
            }

            if (entry.ValueKind == JsonValueKind.String && entry.GetString()!.TrimStart().StartsWith('{'))
            {
                try
                {
                    if (JsonNode.Parse(entry.GetString()!, documentOptions: AppDefinition.DocumentOptions) is JsonObject parsed)
                    {
                        return parsed;
                    }
                }
                catch (JsonException)
                {
                    // Reported below like any other unusable entry.
                }
            }

            problems.Add(new RawProblem(JsonPath.Root.Property("hostManifests").Property(key), DefinitionValidator.Show(entry),
                "the io.Connect host manifest is not an object (manifest URLs are not fetched); the FDC3 details are used instead", ProblemSeverity.Warning));
            return null;
        }

        return null;
    }

    private static JsonObject NativeDetails(JsonElement details)
    {
        var result = new JsonObject();
        var path = Str(details, "path");
        if (path is not null)
        {
            var cut = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            if (cut >= 0 && cut < path.Length - 1)
            {
                result["path"] = path[..cut];
                result["command"] = path[(cut + 1)..];
            }
            else
            {
                result["path"] = ".";
                result["command"] = path;
            }
        }

        if (JoinArguments(details) is { } args)
        {
            result["parameters"] = args;
        }

        return result;
    }

    private static string? JoinArguments(JsonElement details)
    {
        if (details.ValueKind != JsonValueKind.Object || !details.TryGetProperty("arguments", out var args) || args.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var a in args.EnumerateArray())
        {
            if (a.ValueKind == JsonValueKind.String)
            {
                var s = a.GetString()!;
                parts.Add(s.Length == 0 || s.Any(char.IsWhiteSpace) ? $"\"{s.Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : s);
            }
        }

        return string.Join(' ', parts);
    }

    private static string? Str(JsonElement obj, string name) => obj.ValueKind == JsonValueKind.Object ? AppDefinition.ReadString(obj, name) : null;
}
