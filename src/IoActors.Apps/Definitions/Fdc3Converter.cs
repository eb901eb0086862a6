using System.Text.Json;
using System.Text.Json.Nodes;

namespace IoActors.Apps.Definitions;

/// <summary>
/// Converts FDC3 App Directory records to io.Connect definitions.
/// v2 (appId, title, type web|native|citrix|onlineNative|other, details, hostManifests): an io.Connect/Glue42 entry in
/// hostManifests wins (merged over the converted record); otherwise web → window (details.url), native → exe
/// (details.path split into directory and command, details.arguments joined into parameters), citrix → citrix
/// (details.alias → name); a value the conversion needs that the record lacks is an error in the record's own terms
/// (<c>details.url is required for an FDC3 web app</c>). The intents the app listens for (v2 <c>interop.intents.listensFor</c>,
/// v1.x <c>intents</c>) become the io.Connect <c>intents</c> array. v1.x (appId, name, manifest as a JSON string,
/// manifestType): the manifest is the definition. The original record is kept under <c>"fdc3"</c>.
/// </summary>
internal static class Fdc3Converter
{
    private static readonly string[] V2Types = ["web", "native", "citrix", "onlineNative", "other"];
    private static readonly string[] HostKeys = ["io.Connect", "ioConnect", "io.connect", "ioconnect", "iocd", "Glue42", "glue42", "glue"];

    /// <summary>Whether the record looks like an FDC3 record rather than an io.Connect definition.</summary>
    public static bool IsFdc3(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        // Nearly every record is an io.Connect definition: a text without "appId" (and without escapes, which could spell it) has no such key.
        var text = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(record);
        if (text.IndexOf("appId"u8) < 0 && text.IndexOf("\\u"u8) < 0)
        {
            return false;
        }

        if (!record.TryGetProperty("appId", out var appId) || appId.ValueKind != JsonValueKind.String)
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
            var manifestDetails = manifest?["details"] as JsonObject;
            switch (type)
            {
                case "web":
                    result["type"] = "window";
                    var web = new JsonObject();
                    if (Required(record, details, "url", "web", "the page the window loads", manifestDetails?.ContainsKey("url") == true, problems) is { } url)
                    {
                        web["url"] = url;
                    }

                    result["details"] = web;
                    break;
                case "native":
                    result["type"] = "exe";
                    result["details"] = NativeDetails(Required(record, details, "path", "native", "the executable to run", manifestDetails?.ContainsKey("path") == true, problems), details);
                    break;
                case "citrix":
                    result["type"] = "citrix";
                    var citrix = new JsonObject();
                    if (Required(record, details, "alias", "citrix", "the published name of the Citrix app", manifestDetails?.ContainsKey("name") == true, problems) is { } alias)
                    {
                        citrix["name"] = alias;
                    }

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

        if (problems.Exists(p => p.Severity == ProblemSeverity.Error))
        {
            return null;
        }

        if (Intents(record, type is null, problems) is { } intents)
        {
            result["intents"] = intents;
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

        return ParseEmbedded(text, path, DefinitionValidator.Show(manifest), ProblemSeverity.Error, "the manifest", string.Empty, problems);
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

            var path = JsonPath.Root.Property("hostManifests").Property(key);
            if (entry.ValueKind == JsonValueKind.String && entry.GetString()!.TrimStart().StartsWith('{'))
            {
                return ParseEmbedded(entry.GetString()!, path, DefinitionValidator.Show(entry), ProblemSeverity.Warning, "the io.Connect host manifest", "; the FDC3 details are used instead", problems);
            }

            problems.Add(new RawProblem(path, DefinitionValidator.Show(entry),
                "the io.Connect host manifest is not an object (manifest URLs are not fetched); the FDC3 details are used instead", ProblemSeverity.Warning));
            return null;
        }

        return null;
    }

    private static JsonObject NativeDetails(string? path, JsonElement details)
    {
        var result = new JsonObject();
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

    /// <summary>
    /// A string the conversion needs from the FDC3 <c>details</c> (e.g. a web app's <c>url</c>); when it is missing (and the
    /// io.Connect host manifest does not give its equivalent) an error in the record's own terms.
    /// </summary>
    private static string? Required(JsonElement record, JsonElement details, string name, string type, string what, bool givenByManifest, List<RawProblem> problems)
    {
        if (details.ValueKind == JsonValueKind.Object && details.TryGetProperty(name, out var value))
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }

            if (!givenByManifest)
            {
                problems.Add(new RawProblem(JsonPath.Root.Property("details").Property(name), DefinitionValidator.Show(value),
                    $"expected a string ({what}), got {DefinitionValidator.Show(value)}", ProblemSeverity.Error));
            }

            return null;
        }

        if (!givenByManifest)
        {
            var hasDetails = record.TryGetProperty("details", out var d);
            problems.Add(hasDetails && d.ValueKind == JsonValueKind.Object
                ? new RawProblem(JsonPath.Root.Property("details").Property(name), null, $"is required for an FDC3 {type} app ({what})", ProblemSeverity.Error)
                : new RawProblem(JsonPath.Root.Property("details"), hasDetails ? DefinitionValidator.Show(d) : null,
                    $"an FDC3 {type} app needs a details object with \"{name}\" ({what})", ProblemSeverity.Error));
        }

        return null;
    }

    /// <summary>
    /// The intents the app handles, as io.Connect <c>intents</c>: FDC3 2.0 <c>interop.intents.listensFor</c>
    /// (<c>{"ViewChart": {"displayName", "contexts", "resultType", "customConfig"}}</c>) becomes
    /// <c>[{"name": "ViewChart", "displayName", "contexts", …}]</c>; FDC3 1.x <c>intents</c> already has that shape and is taken as is.
    /// </summary>
    private static JsonArray? Intents(JsonElement record, bool v1, List<RawProblem> problems)
    {
        if (v1)
        {
            return record.TryGetProperty("intents", out var own) && own.ValueKind == JsonValueKind.Array ? JsonSerializer.SerializeToNode(own) as JsonArray : null;
        }

        if (!record.TryGetProperty("interop", out var interop) || interop.ValueKind != JsonValueKind.Object
            || !interop.TryGetProperty("intents", out var intents) || intents.ValueKind != JsonValueKind.Object
            || !intents.TryGetProperty("listensFor", out var listensFor))
        {
            return null;
        }

        var path = JsonPath.Root.Property("interop").Property("intents").Property("listensFor");
        if (listensFor.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new RawProblem(path, DefinitionValidator.Show(listensFor),
                $"expected an object of intents ({{\"ViewChart\": {{\"contexts\": [...]}}}}), got {DefinitionValidator.Show(listensFor)}; no intents are converted", ProblemSeverity.Warning));
            return null;
        }

        var result = new JsonArray();
        foreach (var intent in listensFor.EnumerateObject())
        {
            if (intent.Value.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new RawProblem(path.Property(intent.Name), DefinitionValidator.Show(intent.Value),
                    $"expected an object ({{\"displayName\", \"contexts\", \"resultType\"}}), got {DefinitionValidator.Show(intent.Value)}; this intent is not converted", ProblemSeverity.Warning));
                continue;
            }

            var converted = new JsonObject { ["name"] = intent.Name };
            foreach (var property in intent.Value.EnumerateObject())
            {
                if (property.Name != "name")
                {
                    converted[property.Name] = JsonSerializer.SerializeToNode(property.Value);
                }
            }

            result.Add(converted);
        }

        return result.Count > 0 ? result : null;
    }

    /// <summary>
    /// Parses JSON embedded in a string of the record (a 1.x <c>manifest</c>, a host manifest) as the reader parses a file: a
    /// syntax error, a string that cannot be read or a root that is not an object is a problem at <paramref name="path"/>
    /// saying where in the embedded text it is; duplicate keys are warnings.
    /// </summary>
    private static JsonObject? ParseEmbedded(string text, JsonPath path, string shown, ProblemSeverity severity, string subject, string consequence, List<RawProblem> problems)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, AppDefinition.DocumentOptions);
        }
        catch (JsonException ex)
        {
            var (line, column, reason) = new JsonLocator(utf8).Describe(ex);
            problems.Add(new RawProblem(path, shown, $"{subject} is not valid JSON: {reason} (at line {line}, column {column} of the embedded text){consequence}", severity));
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new RawProblem(path, shown, $"{subject} is JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object{consequence}", severity));
                return null;
            }

            if (JsonInputCheck.Find(root, utf8) is { } issues)
            {
                var locator = new JsonLocator(utf8);
                foreach (var issue in issues.Where(i => !i.IsError))
                {
                    problems.Add(new RawProblem(path, shown, $"in {subject} at {Inner(issue)}: {issue.Message(o => locator.LineColumn(o).Line)} (lines of the embedded text)", ProblemSeverity.Warning));
                }

                if (issues.Find(i => i.IsError) is { } bad)
                {
                    problems.Add(new RawProblem(path, shown, $"{subject} cannot be read at {Inner(bad)}: {bad.Message(o => locator.LineColumn(o).Line)}{consequence}", severity));
                    return null;
                }
            }

            return JsonObject.Create(root.Clone());
        }

        static string Inner(JsonInputIssue issue) => issue.Path.Length == 0 ? "its root" : JsonPath.Of(issue.Path).ToString();
    }

    private static string? Str(JsonElement obj, string name) => obj.ValueKind == JsonValueKind.Object ? AppDefinition.ReadString(obj, name) : null;
}
