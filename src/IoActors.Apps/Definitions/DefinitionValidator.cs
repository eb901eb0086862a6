using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IoActors.Apps.Definitions;

/// <summary>
/// Checks one definition against every documented constraint and collects all problems at once.
/// Walks the <see cref="JsonElement"/> once; allocates only for problems and for the few nested objects it descends into.
/// </summary>
internal sealed class DefinitionValidator
{
    private static readonly string[] Types = ["window", "exe", "node", "clickonce", "citrix", "workspaces", "webGroup", "childWindow"];
    private static readonly string[] Stages = ["core", "pre-sso", "post-sso", "user"];
    private static readonly string[] Modes = ["flat", "tab", "html", "frameless"];
    private static readonly string[] HorizontalAlignments = ["left", "right", "center", "stretch"];
    private static readonly string[] VerticalAlignments = ["top", "bottom", "center", "stretch"];
    private static readonly string[] DockingPositions = ["top", "bottom", "left", "right"];
    private static readonly string[] NativeWindowOpenValues = ["browser", "off", "window"];
    private static readonly string[] LayoutTypes = ["Global", "Workspace", "ApplicationDefault"];
    private static readonly string[] WaitValues = ["appSignal", "interopReady", "no"];
    private static readonly string[] DownloadFolders = ["%DownloadsFolder%", "%TEMP%", "%TMP%"];

    // Pattern → compile error (null when it compiles).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> RegexErrors = new(StringComparer.Ordinal);

    private readonly List<RawProblem> _problems = [];
    private readonly StoreKind _kind;

    private DefinitionValidator(StoreKind kind) => _kind = kind;

    public static List<RawProblem> Validate(JsonElement root, StoreKind kind)
    {
        var validator = new DefinitionValidator(kind);
        validator.ValidateRoot(root);
        return validator._problems;
    }

    internal static string Show(JsonElement value)
    {
        string text;
        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                value.WriteTo(writer);
            }

            text = Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            text = JsonSerializer.Serialize(value.GetString(), ShowOptions);
        }
        else
        {
            text = value.GetRawText();
        }

        return text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
    }

    private static readonly JsonSerializerOptions ShowOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private void Error(JsonPath path, JsonElement? value, string message) =>
        _problems.Add(new RawProblem(path, value is { } v ? Show(v) : null, message, ProblemSeverity.Error));

    private void Warn(JsonPath path, JsonElement? value, string message) =>
        _problems.Add(new RawProblem(path, value is { } v ? Show(v) : null, message, ProblemSeverity.Warning));

    private void ValidateRoot(JsonElement root)
    {
        var path = JsonPath.Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            Error(path, root, $"an app definition must be an object, not {Kind(root)}");
            return;
        }

        // One pass over the top-level properties; cross-property rules run after it.
        var type = AppType.Unknown;
        bool hasName = false, hasType = false, hasAsset = false, hasDetails = false, service = false;
        JsonElement details = default, autoStart = default, runPriority = default, asset = default;
        foreach (var property in root.EnumerateObject())
        {
            var known = KnownNames.Get(property);
            if (known is null)
            {
                continue;
            }

            var value = property.Value;
            switch (known)
            {
                case "name":
                    hasName = true;
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        Error(path.Property("name"), value, $"expected a string, got {Kind(value)}");
                    }
                    else if (string.IsNullOrWhiteSpace(value.GetString()))
                    {
                        Error(path.Property("name"), value, "must not be empty");
                    }

                    break;
                case "type":
                    hasType = true;
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        Error(path.Property("type"), value, $"expected a string, got {Kind(value)}");
                        break;
                    }

                    var t = value.GetString()!;
                    type = AppDefinition.ParseType(t);
                    if (type == AppType.Unknown)
                    {
                        var hint = Array.Find(Types, x => string.Equals(x, t, StringComparison.OrdinalIgnoreCase));
                        Error(path.Property("type"), value, hint is not null
                            ? $"\"{t}\" is not a known type; did you mean \"{hint}\"? (types are case-sensitive)"
                            : $"\"{t}\" is not one of {string.Join("|", Types)}");
                    }

                    break;
                case "title":
                case "icon":
                case "caption":
                case "tooltip":
                    ExpectString(value, path.Property(known));
                    break;
                case "service":
                    ExpectBool(value, path.Property("service"));
                    service = value.ValueKind == JsonValueKind.True;
                    break;
                case "autoStart":
                    ExpectBool(value, path.Property("autoStart"));
                    autoStart = value;
                    break;
                case "hidden":
                case "allowMultiple":
                case "ignoreSavedLayout":
                case "allowWorkspaceDrop":
                    ExpectBool(value, path.Property(known));
                    break;
                case "keywords":
                case "supportEmails":
                    ExpectStringArray(value, path.Property(known));
                    break;
                case "customProperties":
                    var cp = path.Property("customProperties");
                    if (ExpectObject(value, cp))
                    {
                        ExpectString(value, cp, "folder");
                        ExpectBool(value, cp, "includeInWorkspaces");
                    }

                    break;
                case "asset":
                case "assets":
                    if (hasAsset)
                    {
                        Warn(path.Property(known), null, "both \"asset\" and \"assets\" are set; \"asset\" is used");
                    }

                    hasAsset = true;
                    asset = value;
                    ValidateAsset(value, path.Property(known));
                    break;
                case "runPriority":
                    runPriority = value;
                    break;
                case "details":
                    hasDetails = true;
                    details = value;
                    break;
            }
        }

        if (!hasName)
        {
            Error(path.Property("name"), null, "is required");
        }

        if (!hasType)
        {
            Error(path.Property("type"), null, $"is required (one of {string.Join("|", Types)})");
        }

        if (service && autoStart.ValueKind != JsonValueKind.Undefined)
        {
            Warn(path.Property("autoStart"), autoStart, "has no effect: \"service\": true forces autoStart to true");
        }

        if (runPriority.ValueKind != JsonValueKind.Undefined)
        {
            ValidateRunPriority(runPriority, path.Property("runPriority"), type);
        }

        if (!hasDetails)
        {
            Error(path.Property("details"), null, "is required");
            return;
        }

        var detailsPath = path.Property("details");
        if (details.ValueKind != JsonValueKind.Object)
        {
            Error(detailsPath, details, $"expected an object, got {Kind(details)}");
            return;
        }

        ValidateDetails(details, detailsPath, type, hasAsset, service);
    }

    private void ValidateRequiredDetails(JsonElement details, JsonPath path, AppType type, bool hasAsset)
    {
        switch (type)
        {
            case AppType.Window when !hasAsset:
            case AppType.ClickOnce:
            case AppType.WebGroup:
                RequireString(details, path, "url", type);
                break;
            case AppType.Exe:
                RequireString(details, path, "path", type);
                break;
            case AppType.Citrix:
                RequireString(details, path, "name", type);
                break;
            case AppType.ChildWindow:
                RequireString(details, path, "owner", type);
                break;
            case AppType.Node:
                var hasPath = details.TryGetProperty("path", out _);
                var hasRemote = details.TryGetProperty("remote", out var remote);
                if (!hasPath && !hasRemote)
                {
                    Error(path.Property("path"), null, "is required for type node (or details.remote.url for a remote script)");
                }
                else if (hasRemote && remote.ValueKind == JsonValueKind.Object && !remote.TryGetProperty("url", out _) && !hasPath)
                {
                    Error(path.Property("remote").Property("url"), null, "is required for a remote node app");
                }

                break;
        }
    }

    private void RequireString(JsonElement obj, JsonPath path, string property, AppType type)
    {
        if (!obj.TryGetProperty(property, out _))
        {
            Error(path.Property(property), null, $"is required for type {TypeName(type)}");
        }
    }

    private void ValidateDetails(JsonElement details, JsonPath path, AppType type, bool hasAsset, bool service)
    {
        if (service && details.TryGetProperty("hidden", out var hidden))
        {
            Warn(path.Property("hidden"), hidden, "has no effect: \"service\": true forces details.hidden to true");
        }

        ValidateRequiredDetails(details, path, type, hasAsset);
        var set = DetailsApplicability.ToSet(type);
        JsonElement minWidth = default, maxWidth = default, minHeight = default, maxHeight = default;
        foreach (var property in details.EnumerateObject())
        {
            var name = KnownNames.Get(property);
            if (name is null)
            {
                continue;
            }

            var value = property.Value;
            var p = path.Property(name);
            if (set != AppTypeSet.None && DetailsApplicability.Table.TryGetValue(name, out var applies) && (applies & set) == 0)
            {
                Warn(p, value, $"does nothing for {TypeName(type)} apps (valid for {DetailsApplicability.Describe(applies)})");
            }

            switch (name)
            {
                case "url":
                case "path":
                case "owner":
                    ExpectNonEmptyString(value, p);
                    break;
                case "command":
                case "parameters":
                case "stickyGroup":
                case "userAgent":
                    ExpectString(value, p);
                    break;
                case "name":
                    if (type == AppType.Citrix)
                    {
                        ExpectNonEmptyString(value, p);
                    }

                    break;
                case "nodeVersion":
                    if (ExpectNonEmptyString(value, p) && !IsVersion(value.GetString()!))
                    {
                        Error(p, value, $"\"{value.GetString()}\" is not a version like 16.13.2 (the runtime file is node-<version>.exe)");
                    }

                    break;
                case "mode":
                    ExpectOneOf(value, p, Modes);
                    break;
                case "hidden":
                case "backgroundThrottling":
                case "hideGroupHeader":
                case "showStickyButton":
                case "showFeedbackButton":
                case "showCloneButton":
                case "allowCollapse":
                case "hasSizeAreas":
                case "autoOpenDevTools":
                case "showConsole":
                case "updateFrameConstraints":
                case "default":
                    ExpectBool(value, p);
                    break;
                case "width":
                case "height":
                case "minWidth":
                case "minHeight":
                case "maxWidth":
                case "maxHeight":
                    ExpectNumber(value, p, min: 0);
                    switch (name)
                    {
                        case "minWidth": minWidth = value; break;
                        case "maxWidth": maxWidth = value; break;
                        case "minHeight": minHeight = value; break;
                        case "maxHeight": maxHeight = value; break;
                    }

                    break;
                case "left":
                case "top":
                    ExpectNumber(value, p);
                    break;
                case "framePool":
                    ExpectNumber(value, p, min: 0, integer: true);
                    break;
                case "preloadScripts":
                    ExpectStringArray(value, p);
                    break;
                case "layouts":
                    ExpectArrayOf(value, p, JsonValueKind.Object);
                    break;
                case "pool":
                    if (ExpectObject(value, p) && value.TryGetProperty("min", out var min))
                    {
                        ExpectNumber(min, p.Property("min"), min: 0, integer: true);
                    }

                    break;
                case "appParameters":
                    ValidateNameValueArray(value, p, "parameter");
                    break;
                case "remote":
                    ValidateRemote(value, p);
                    break;
                case "syncTitleWithDocumentTitle":
                    if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
                        && !(value.ValueKind == JsonValueKind.String && value.GetString() == "preserveCustomTitle"))
                    {
                        Error(p, value, "expected true, false or \"preserveCustomTitle\"");
                    }

                    break;
                case "zoom":
                    ValidateZoom(value, p);
                    break;
                case "placement":
                    ValidatePlacement(value, p);
                    break;
                case "docking":
                    ValidateDocking(value, p, details);
                    break;
                case "nativeWindowOpen":
                    ValidateNativeWindowOpen(value, p);
                    break;
                case "saveInLayout":
                    ValidateSaveInLayout(value, p, type);
                    break;
                case "saveCurrentUrlInLayout":
                case "saveCurrentTitleInLayout":
                    ValidateLayoutTypes(value, p);
                    break;
                case "reloadOptions":
                    if (ExpectObject(value, p))
                    {
                        if (value.TryGetProperty("maxAttempts", out var max))
                        {
                            ExpectNumber(max, p.Property("maxAttempts"), min: 0, integer: true);
                        }

                        if (value.TryGetProperty("timeout", out var timeout))
                        {
                            ExpectNumber(timeout, p.Property("timeout"), exclusiveMin: 0);
                        }
                    }

                    break;
                case "navigation":
                case "windowOpen":
                    if (ExpectObject(value, p) && value.TryGetProperty("allowed", out var allowed))
                    {
                        ValidateRegex(allowed, p.Property("allowed"));
                    }

                    break;
                case "downloadSettings":
                    ValidateDownloadSettings(value, p);
                    break;
                case "cascade":
                    if (ExpectObject(value, p))
                    {
                        ExpectBool(value, p, "enabled");
                        if (value.TryGetProperty("offset", out var offset))
                        {
                            ExpectNumber(offset, p.Property("offset"), min: 0);
                        }
                    }

                    break;
                case "jumpList":
                    ValidateJumpList(value, p);
                    break;
                case "print":
                    if (ExpectObject(value, p))
                    {
                        ExpectBools(value, p, "enabled", "silent", "color");
                        ExpectStrings(value, p, "footer", "duplexMode");
                        if (value.TryGetProperty("copies", out var copies))
                        {
                            ExpectNumber(copies, p.Property("copies"), min: 1, integer: true);
                        }

                        ExpectStringOrObject(value, p, "pageSize");
                    }

                    break;
                case "printToPdfSettings":
                    if (ExpectObject(value, p))
                    {
                        ExpectBools(value, p, "enabled", "autoSave", "autoOpenPath", "usePrintShortcutKey", "printBackground", "printSelectionOnly");
                        ExpectStrings(value, p, "fullPath");
                        ExpectStringOrObject(value, p, "pageSize");
                    }

                    break;
                case "urlLoadOptions":
                    if (ExpectObject(value, p))
                    {
                        ExpectStrings(value, p, "extraHeaders");
                        if (value.TryGetProperty("postData", out var postData))
                        {
                            ExpectArrayOf(postData, p.Property("postData"), JsonValueKind.Object);
                        }
                    }

                    break;
            }
        }

        if (minWidth.ValueKind == JsonValueKind.Number && maxWidth.ValueKind == JsonValueKind.Number)
        {
            CheckMinMax(minWidth, maxWidth, path, "minWidth", "maxWidth");
        }

        if (minHeight.ValueKind == JsonValueKind.Number && maxHeight.ValueKind == JsonValueKind.Number)
        {
            CheckMinMax(minHeight, maxHeight, path, "minHeight", "maxHeight");
        }
    }

    private void CheckMinMax(JsonElement min, JsonElement max, JsonPath path, string minName, string maxName)
    {
        if (min.GetDouble() > max.GetDouble())
        {
            Error(path.Property(minName), min, $"{min.GetRawText()} is greater than {maxName} {max.GetRawText()}");
        }
    }

    private void ValidateRunPriority(JsonElement value, JsonPath path, AppType type)
    {
        BootStage? stage = null;
        if (value.ValueKind == JsonValueKind.Number)
        {
            ExpectNumber(value, path, min: 0);
            stage = BootStage.Core;
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            if (value.TryGetProperty("stage", out var s))
            {
                if (ExpectOneOf(s, path.Property("stage"), Stages))
                {
                    AppDefinition.TryParseStage(s.GetString()!, out var st);
                    stage = st;
                }
            }
            else
            {
                stage = RunPriority.DefaultStage(_kind);
            }

            if (value.TryGetProperty("priority", out var priority))
            {
                ExpectNumber(priority, path.Property("priority"), min: 0);
            }

            if (value.TryGetProperty("timeout", out var timeout))
            {
                ExpectNumber(timeout, path.Property("timeout"), exclusiveMin: 0);
            }

            if (value.TryGetProperty("waitForInitialization", out var wait) && !AppDefinition.TryParseWait(wait, out _))
            {
                Error(path.Property("waitForInitialization"), wait, $"expected true, false or one of \"{string.Join("\"|\"", WaitValues)}\"");
            }
        }
        else
        {
            Error(path, value, $"expected a number or an object, got {Kind(value)}");
            return;
        }

        if (stage is not { } st2)
        {
            return;
        }

        var stagePath = value.ValueKind == JsonValueKind.Object ? path.Property("stage") : path;
        if (st2 == BootStage.Core && type is not (AppType.Exe or AppType.Node or AppType.Unknown))
        {
            Error(stagePath, value.ValueKind == JsonValueKind.Object && value.TryGetProperty("stage", out var sv) ? sv : value,
                $"only exe and node apps can start in stage core, not {TypeName(type)} apps" + (value.ValueKind == JsonValueKind.Number ? " (a numeric runPriority means stage core)" : string.Empty));
        }

        if (_kind == StoreKind.Regular && st2 is BootStage.Core or BootStage.PreSso or BootStage.PostSso)
        {
            Warn(stagePath, null, $"stage {StageName(st2)} only starts apps from system{(st2 == BootStage.Core ? string.Empty : " or in-memory")} stores; this regular-store app will not start in it"
                + (value.ValueKind == JsonValueKind.Number ? " (a numeric runPriority means stage core)" : string.Empty));
        }
        else if (_kind == StoreKind.InMemory && st2 == BootStage.Core)
        {
            Warn(stagePath, null, "stage core only starts apps from system stores; this in-memory app will not start in it");
        }
    }

    private void ValidateAsset(JsonElement value, JsonPath path)
    {
        if (!ExpectObject(value, path))
        {
            return;
        }

        if (!value.TryGetProperty("src", out var src))
        {
            Error(path.Property("src"), null, "is required (the URL of the archive)");
        }
        else
        {
            ExpectUrl(src, path.Property("src"));
        }

        ExpectBool(value, path, "noCache");
        if (value.TryGetProperty("headers", out var headers))
        {
            ValidateNameValueArray(headers, path.Property("headers"), "header");
        }
    }

    private void ValidateRemote(JsonElement value, JsonPath path)
    {
        if (!ExpectObject(value, path))
        {
            return;
        }

        if (value.TryGetProperty("url", out var url))
        {
            ExpectUrl(url, path.Property("url"));
        }

        ExpectBool(value, path, "noCache");
        if (value.TryGetProperty("headers", out var headers))
        {
            ValidateNameValueArray(headers, path.Property("headers"), "header");
        }
    }

    private void ExpectUrl(JsonElement value, JsonPath path)
    {
        if (ExpectNonEmptyString(value, path))
        {
            var s = value.GetString()!;
            if (!s.Contains('%', StringComparison.Ordinal) && !s.Contains('$', StringComparison.Ordinal)
                && !Uri.TryCreate(s, UriKind.Absolute, out _))
            {
                Error(path, value, $"\"{s}\" is not an absolute URL");
            }
        }
    }

    private void ValidateNameValueArray(JsonElement value, JsonPath path, string what)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(path, value, $"expected an array of {{\"name\", \"value\"}} objects, got {Kind(value)}");
            return;
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var ip = path.Item(i++);
            if (!ExpectObject(item, ip))
            {
                continue;
            }

            if (!item.TryGetProperty("name", out var n))
            {
                Error(ip.Property("name"), null, $"is required for each {what}");
            }
            else
            {
                ExpectNonEmptyString(n, ip.Property("name"));
            }

            if (!item.TryGetProperty("value", out _))
            {
                Error(ip.Property("value"), null, $"is required for each {what}");
            }
        }
    }

    private void ValidateZoom(JsonElement value, JsonPath path)
    {
        if (!ExpectObject(value, path))
        {
            return;
        }

        ExpectBools(value, path, "enabled", "mouseWheelZoom");
        if (value.TryGetProperty("factors", out var factors))
        {
            var fp = path.Property("factors");
            if (factors.ValueKind != JsonValueKind.Array)
            {
                Error(fp, factors, $"expected an array of numbers, got {Kind(factors)}");
            }
            else
            {
                double? previous = null;
                var i = 0;
                foreach (var f in factors.EnumerateArray())
                {
                    var ip = fp.Item(i++);
                    if (f.ValueKind != JsonValueKind.Number)
                    {
                        Error(ip, f, $"expected a number, got {Kind(f)}");
                        continue;
                    }

                    var d = f.GetDouble();
                    if (d is < 25 or > 500)
                    {
                        Error(ip, f, $"{f.GetRawText()} is outside 25..500");
                    }

                    if (previous is { } prev && d <= prev)
                    {
                        Error(ip, f, $"{f.GetRawText()} is not greater than the previous factor {Num(prev)} (factors must be in ascending order)");
                    }

                    previous = d;
                }
            }
        }

        if (value.TryGetProperty("defaultFactor", out var defaultFactor))
        {
            var dp = path.Property("defaultFactor");
            if (defaultFactor.ValueKind != JsonValueKind.Number)
            {
                Error(dp, defaultFactor, $"expected a number, got {Kind(defaultFactor)}");
            }
            else if (defaultFactor.GetDouble() is < 25 or > 500)
            {
                Error(dp, defaultFactor, $"{defaultFactor.GetRawText()} is outside 25..500");
            }
        }
    }

    private void ValidatePlacement(JsonElement value, JsonPath path)
    {
        if (!ExpectObject(value, path))
        {
            return;
        }

        if (!value.TryGetProperty("snapped", out _))
        {
            Error(path.Property("snapped"), null, "is required (true keeps the window at its place; false places it once)");
        }

        ExpectBool(value, path, "snapped");
        if (value.TryGetProperty("horizontalAlignment", out var h))
        {
            ExpectOneOf(h, path.Property("horizontalAlignment"), HorizontalAlignments);
        }

        if (value.TryGetProperty("verticalAlignment", out var v))
        {
            ExpectOneOf(v, path.Property("verticalAlignment"), VerticalAlignments);
        }

        foreach (var name in (string[])["top", "bottom", "left", "right", "width", "height"])
        {
            if (!value.TryGetProperty(name, out var m))
            {
                continue;
            }

            var mp = path.Property(name);
            var nonNegative = name is "width" or "height";
            if (m.ValueKind == JsonValueKind.Number)
            {
                if (nonNegative)
                {
                    ExpectNumber(m, mp, min: 0);
                }
            }
            else if (m.ValueKind == JsonValueKind.String)
            {
                var s = m.GetString()!;
                if (!TryParseLength(s, out var number, out var percent))
                {
                    Error(mp, m, $"\"{s}\" is not a number of pixels or a length like \"10px\" or \"10%\"");
                }
                else if (nonNegative && number < 0)
                {
                    Error(mp, m, $"\"{s}\" must not be negative");
                }
                else if (percent && number > 100)
                {
                    Error(mp, m, $"\"{s}\" is more than 100% of the screen");
                }
            }
            else
            {
                Error(mp, m, $"expected a number or a string like \"10px\" or \"10%\", got {Kind(m)}");
            }
        }

        if (value.TryGetProperty("display", out var display) && display.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            Error(path.Property("display"), display, $"expected a monitor number or \"main\", got {Kind(display)}");
        }
    }

    private void ValidateDocking(JsonElement value, JsonPath path, JsonElement details)
    {
        if (!ExpectObject(value, path))
        {
            return;
        }

        ExpectBools(value, path, "enabled", "claimScreenArea");
        ExpectNumberIfPresent(value, path, "width", min: 0);
        ExpectNumberIfPresent(value, path, "height", min: 0);
        var allowedList = new List<string>();
        if (value.TryGetProperty("allowedPositions", out var allowed))
        {
            var ap = path.Property("allowedPositions");
            if (allowed.ValueKind != JsonValueKind.Array)
            {
                Error(ap, allowed, $"expected an array of positions, got {Kind(allowed)}");
            }
            else
            {
                var i = 0;
                foreach (var item in allowed.EnumerateArray())
                {
                    if (ExpectOneOf(item, ap.Item(i++), DockingPositions))
                    {
                        allowedList.Add(item.GetString()!);
                    }
                }
            }
        }
        else
        {
            allowedList.AddRange(["top", "bottom"]);
        }

        if (value.TryGetProperty("initialPosition", out var initial) && ExpectOneOf(initial, path.Property("initialPosition"), DockingPositions)
            && !allowedList.Contains(initial.GetString()!) && allowed.ValueKind is JsonValueKind.Array or JsonValueKind.Undefined)
        {
            Warn(path.Property("initialPosition"), initial, $"\"{initial.GetString()}\" is not among the allowed positions ({string.Join(", ", allowedList)})");
        }

        if (AppDefinition.ReadBool(value, "enabled") == true)
        {
            var mode = AppDefinition.ReadString(details, "mode") ?? "flat";
            if (mode is not ("html" or "frameless"))
            {
                Warn(path.Property("enabled"), null, $"docking works only for html and frameless windows; details.mode is {mode}");
            }
        }
    }

    private void ValidateNativeWindowOpen(JsonElement value, JsonPath path)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            ExpectOneOf(value, path, NativeWindowOpenValues);
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            if (!value.TryGetProperty("mode", out var mode))
            {
                Error(path.Property("mode"), null, "is required and must be \"window\"");
            }
            else if (!(mode.ValueKind == JsonValueKind.String && mode.GetString() == "window"))
            {
                Error(path.Property("mode"), mode, $"{Show(mode)} must be \"window\"");
            }

            ExpectBool(value, path, "outlivesOpener");
        }
        else
        {
            Error(path, value, $"expected one of \"browser\"|\"off\"|\"window\" or an object {{\"mode\": \"window\"}}, got {Kind(value)}");
        }
    }

    private void ValidateSaveInLayout(JsonElement value, JsonPath path, AppType type)
    {
        if (!ExpectObject(value, path))
        {
            return;
        }

        var web = type is AppType.Window or AppType.ChildWindow;
        var native = type is AppType.Exe or AppType.ClickOnce or AppType.Citrix;
        foreach (var property in value.EnumerateObject())
        {
            var p = path.Property(property.Name);
            switch (property.Name)
            {
                case "url":
                case "title":
                    ValidateLayoutTypes(property.Value, p);
                    if (native)
                    {
                        Warn(p, property.Value, $"does nothing for {TypeName(type)} apps (url and title are saved for window apps)");
                    }

                    break;
                case "command":
                case "parameters":
                    ExpectBool(property.Value, p);
                    if (web)
                    {
                        Warn(p, property.Value, $"does nothing for {TypeName(type)} apps (command and parameters are saved for exe, clickonce and citrix apps)");
                    }

                    break;
            }
        }
    }

    private void ValidateLayoutTypes(JsonElement value, JsonPath path)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(path, value, $"expected a boolean or an array of Layout types ({string.Join("|", LayoutTypes)}), got {Kind(value)}");
            return;
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            ExpectOneOf(item, path.Item(i++), LayoutTypes);
        }
    }

    private void ValidateRegex(JsonElement value, JsonPath path)
    {
        if (!ExpectNonEmptyString(value, path))
        {
            return;
        }

        var pattern = value.GetString()!;
        if (!RegexErrors.TryGetValue(pattern, out var error))
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
                error = null;
            }
            catch (ArgumentException ex)
            {
                error = ex.Message;
            }

            // Stores repeat the same few patterns in thousands of apps; bound the cache so hostile input cannot grow it.
            if (RegexErrors.Count > 4096)
            {
                RegexErrors.Clear();
            }

            RegexErrors[pattern] = error;
        }

        if (error is not null)
        {
            Error(path, value, $"is not a valid regular expression: {error}");
        }
    }

    private void ValidateDownloadSettings(JsonElement value, JsonPath path)
    {
        if (!ExpectObject(value, path))
        {
            return;
        }

        ExpectBools(value, path, "autoSave", "autoOpenPath", "autoOpenDownload", "enable", "enableDownloadBar");
        if (value.TryGetProperty("path", out var folder) && ExpectNonEmptyString(folder, path.Property("path")))
        {
            var s = folder.GetString()!;
            var ok = false;
            foreach (var allowed in DownloadFolders)
            {
                if (s.StartsWith(allowed, StringComparison.OrdinalIgnoreCase)
                    && (s.Length == allowed.Length || s[allowed.Length] is '/' or '\\'))
                {
                    ok = true;
                }
            }

            if (!ok || s.Contains("..", StringComparison.Ordinal))
            {
                Error(path.Property("path"), folder, $"\"{s}\" is not allowed: downloads go only to the Temp or Downloads folder (%DownloadsFolder% or %TEMP%, optionally with a subfolder)");
            }
        }
    }

    private void ValidateJumpList(JsonElement value, JsonPath path)
    {
        if (!ExpectObject(value, path))
        {
            return;
        }

        ExpectBool(value, path, "enabled");
        if (!value.TryGetProperty("categories", out var categories))
        {
            return;
        }

        var cp = path.Property("categories");
        if (categories.ValueKind != JsonValueKind.Array)
        {
            Error(cp, categories, $"expected an array of categories, got {Kind(categories)}");
            return;
        }

        var i = 0;
        foreach (var category in categories.EnumerateArray())
        {
            var ip = cp.Item(i++);
            if (!ExpectObject(category, ip))
            {
                continue;
            }

            ExpectString(category, ip, "title");
            if (!category.TryGetProperty("actions", out var actions))
            {
                continue;
            }

            var ap = ip.Property("actions");
            if (actions.ValueKind != JsonValueKind.Array)
            {
                Error(ap, actions, $"expected an array of actions, got {Kind(actions)}");
                continue;
            }

            var j = 0;
            foreach (var action in actions.EnumerateArray())
            {
                var jp = ap.Item(j++);
                if (ExpectObject(action, jp))
                {
                    ExpectStrings(action, jp, "icon", "type", "singleInstanceTitle", "multiInstanceTitle");
                }
            }
        }
    }

    // ---- primitive checks -------------------------------------------------------------------------------------------

    private bool ExpectObject(JsonElement value, JsonPath path)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Error(path, value, $"expected an object, got {Kind(value)}");
        return false;
    }

    private void ExpectBool(JsonElement obj, JsonPath parent, string name)
    {
        if (obj.TryGetProperty(name, out var v))
        {
            ExpectBool(v, parent.Property(name));
        }
    }

    private void ExpectBools(JsonElement obj, JsonPath parent, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            ExpectBool(obj, parent, name);
        }
    }

    private void ExpectBool(JsonElement value, JsonPath path)
    {
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(path, value, $"expected a boolean, got {Kind(value)}");
        }
    }

    private void ExpectString(JsonElement obj, JsonPath parent, string name)
    {
        if (obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.String)
        {
            Error(parent.Property(name), v, $"expected a string, got {Kind(v)}");
        }
    }

    private void ExpectString(JsonElement value, JsonPath path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(path, value, $"expected a string, got {Kind(value)}");
        }
    }

    private void ExpectStrings(JsonElement obj, JsonPath parent, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            ExpectString(obj, parent, name);
        }
    }

    private void ExpectStringOrObject(JsonElement obj, JsonPath parent, string name)
    {
        if (obj.TryGetProperty(name, out var v) && v.ValueKind is not (JsonValueKind.String or JsonValueKind.Object))
        {
            Error(parent.Property(name), v, $"expected a string or an object, got {Kind(v)}");
        }
    }

    private bool ExpectNonEmptyString(JsonElement value, JsonPath path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(path, value, $"expected a string, got {Kind(value)}");
            return false;
        }

        if (value.GetString()!.Trim().Length == 0)
        {
            Error(path, value, "must not be empty");
            return false;
        }

        return true;
    }

    private bool ExpectOneOf(JsonElement value, JsonPath path, string[] allowed)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            var s = value.GetString()!;
            if (Array.IndexOf(allowed, s) >= 0)
            {
                return true;
            }

            Error(path, value, $"\"{s}\" is not one of {string.Join("|", allowed)}");
            return false;
        }

        Error(path, value, $"expected one of {string.Join("|", allowed)}, got {Kind(value)}");
        return false;
    }

    private void ExpectStringArray(JsonElement obj, JsonPath parent, string name)
    {
        if (obj.TryGetProperty(name, out var v))
        {
            ExpectStringArray(v, parent.Property(name));
        }
    }

    private void ExpectStringArray(JsonElement value, JsonPath path) => ExpectArrayOf(value, path, JsonValueKind.String);

    private void ExpectArrayOf(JsonElement value, JsonPath path, JsonValueKind kind)
    {
        var what = kind == JsonValueKind.String ? "string" : "object";
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(path, value, $"expected an array of {what}s, got {Kind(value)}");
            return;
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != kind)
            {
                Error(path.Item(i), item, $"expected a{(kind == JsonValueKind.Object ? "n" : string.Empty)} {what}, got {Kind(item)}");
            }

            i++;
        }
    }

    private void ExpectNumberIfPresent(JsonElement obj, JsonPath parent, string name, double? min = null)
    {
        if (obj.TryGetProperty(name, out var v))
        {
            ExpectNumber(v, parent.Property(name), min: min);
        }
    }

    private void ExpectNumber(JsonElement value, JsonPath path, double? min = null, double? exclusiveMin = null, bool integer = false)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            Error(path, value, $"expected a{(integer ? "n integer" : " number")}, got {Kind(value)}");
            return;
        }

        var d = value.GetDouble();
        if (integer && d != Math.Floor(d))
        {
            Error(path, value, $"{value.GetRawText()} is not an integer");
        }
        else if (min is { } m && d < m)
        {
            Error(path, value, $"{value.GetRawText()} is less than {Num(m)}");
        }
        else if (exclusiveMin is { } em && d <= em)
        {
            Error(path, value, $"{value.GetRawText()} must be greater than {Num(em)}");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static bool TryParseLength(string s, out double number, out bool percent)
    {
        var span = s.AsSpan().Trim();
        percent = false;
        if (span.EndsWith("px", StringComparison.OrdinalIgnoreCase))
        {
            span = span[..^2];
        }
        else if (span.EndsWith("%"))
        {
            span = span[..^1];
            percent = true;
        }

        return double.TryParse(span, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }

    private static bool IsVersion(string s)
    {
        var parts = s.Split('.');
        return parts.Length == 3 && Array.TrueForAll(parts, p => p.Length > 0 && p.All(char.IsAsciiDigit));
    }

    private static string Num(double d) => d.ToString(CultureInfo.InvariantCulture);

    private static string TypeName(AppType type) => type switch
    {
        AppType.Window => "window",
        AppType.Exe => "exe",
        AppType.Node => "node",
        AppType.ClickOnce => "clickonce",
        AppType.Citrix => "citrix",
        AppType.Workspaces => "workspaces",
        AppType.WebGroup => "webGroup",
        AppType.ChildWindow => "childWindow",
        _ => "unknown",
    };

    private static string StageName(BootStage stage) => stage switch
    {
        BootStage.Core => "core",
        BootStage.PreSso => "pre-sso",
        BootStage.PostSso => "post-sso",
        _ => "user",
    };

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {Show(value)}",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
