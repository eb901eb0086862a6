using System.Text;
using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <summary>What a validation pass read that the reader needs next: the name and type (as <see cref="AppDefinition.Name"/> and
/// <see cref="AppDefinition.TypeName"/> read them) and which of the normalizer's fixes apply.</summary>
internal readonly record struct ValidatedFacts(string Name, string TypeName, bool FixAutoStart, bool FixHidden, bool FixRunPriority);

/// <summary>
/// Checks one definition against every documented constraint and collects all problems at once.
/// Walks the <see cref="JsonElement"/> once; allocates only for problems and for the few nested objects it descends into.
/// A struct, so that the validator of each definition lives on its caller's stack.
/// </summary>
internal partial struct DefinitionValidator
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

    // The path every definition's details rules start from, made once.
    private static readonly JsonPath DetailsPath = JsonPath.Root.Property("details");

    private readonly List<RawProblem> _problems;
    private readonly StoreKind _kind;

    private DefinitionValidator(StoreKind kind, List<RawProblem>? problems = null)
    {
        _kind = kind;
        _problems = problems ?? [];
    }

    // What the pass read that the reader needs next (the last occurrence of each, as TryGetProperty would find it).
    private string? _name;
    private string? _typeName;
    private bool _service;
    private bool _autoStartTrue;
    private bool _runPriorityNumber;
    private bool _detailsObject;
    private bool _detailsHiddenTrue;

    private static readonly byte[][] CustomPropertiesFields = JsonFields.Names("folder", "includeInWorkspaces");

    public static List<RawProblem> Validate(JsonElement root, StoreKind kind)
    {
        var validator = new DefinitionValidator(kind);
        validator.ValidateRoot(root);
        return validator._problems;
    }

    /// <summary>Validates <paramref name="root"/>, adding its problems to <paramref name="problems"/>, and says what normalizing it needs, from the same pass.</summary>
    public static void Validate(JsonElement root, StoreKind kind, List<RawProblem> problems, out ValidatedFacts facts)
    {
        var validator = new DefinitionValidator(kind, problems);
        validator.ValidateRoot(root);
        facts = new ValidatedFacts(
            validator._name ?? string.Empty,
            validator._typeName ?? string.Empty,
            FixAutoStart: validator._service && !validator._autoStartTrue,
            FixHidden: validator._service && validator._detailsObject && !validator._detailsHiddenTrue,
            FixRunPriority: validator._runPriorityNumber);
    }

    /// <summary>The one of <paramref name="known"/> that the string <paramref name="value"/> equals (so no new string is made), or <see langword="null"/>.</summary>
    private static string? KnownString(JsonElement value, string[] known)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        foreach (var k in known)
        {
            if (value.ValueEquals(k))
            {
                return k;
            }
        }

        return null;
    }

    // Not a lambda in ValidateRoot: one capturing its local would be allocated for every property of every definition.
    private static string? CaseInsensitiveType(string type) => Array.Find(Types, x => string.Equals(x, type, StringComparison.OrdinalIgnoreCase));

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
            text = JsonStrings.TryGetString(value) is { } s ? JsonSerializer.Serialize(s, ShowOptions) : JsonStrings.ShowRaw(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value));
        }
        else
        {
            text = value.GetRawText();
        }

        return text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
    }

    private static readonly JsonSerializerOptions ShowOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private void Error(At path, JsonElement? value, string message) =>
        _problems.Add(new RawProblem(path.Path, value is { } v ? Show(v) : null, message, ProblemSeverity.Error));

    private void Warn(At path, JsonElement? value, string message) =>
        _problems.Add(new RawProblem(path.Path, value is { } v ? Show(v) : null, message, ProblemSeverity.Warning));

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
                SuggestTopLevel(property, path);
                continue;
            }

            var value = property.Value;
            switch (known)
            {
                case "name":
                    hasName = true;
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        _name = null;
                        Error(path.Property("name"), value, $"expected a string, got {Kind(value)}");
                    }
                    else
                    {
                        _name = value.GetString()!;
                        if (NameProblem(_name) is { } why)
                        {
                            Error(path.Property("name"), value, why);
                        }
                    }

                    break;
                case "type":
                    hasType = true;
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        _typeName = null;
                        Error(path.Property("type"), value, $"expected a string, got {Kind(value)}");
                        break;
                    }

                    var t = KnownString(value, Types) ?? value.GetString()!;
                    _typeName = t;
                    type = AppDefinition.ParseType(t);
                    if (type == AppType.Unknown)
                    {
                        var hint = CaseInsensitiveType(t);
                        Error(path.Property("type"), value, hint is not null
                            ? $"\"{t}\" is not a known type; did you mean \"{hint}\"? (types are case-sensitive)"
                            : $"\"{t}\" is not one of {string.Join("|", Types)}");
                    }

                    break;
                case "title":
                case "icon":
                case "caption":
                case "tooltip":
                    ExpectString(value, new At(path, known));
                    break;
                case "service":
                    ExpectBool(value, new At(path, "service"));
                    service = value.ValueKind == JsonValueKind.True;
                    _service = service;
                    break;
                case "autoStart":
                    ExpectBool(value, new At(path, "autoStart"));
                    autoStart = value;
                    _autoStartTrue = value.ValueKind == JsonValueKind.True;
                    break;
                case "hidden":
                case "allowMultiple":
                case "ignoreSavedLayout":
                case "allowWorkspaceDrop":
                    ExpectBool(value, new At(path, known));
                    break;
                case "keywords":
                case "supportEmails":
                    ExpectStringArray(value, new At(path, known));
                    break;
                case "customProperties":
                    if (ExpectObject(value, new At(path, "customProperties")))
                    {
                        var buffer = default(JsonElementBuffer);
                        Span<JsonElement> cpFields = buffer[..2];
                        JsonFields.Collect(value, CustomPropertiesFields, cpFields);
                        if (cpFields[0].ValueKind is not (JsonValueKind.Undefined or JsonValueKind.String))
                        {
                            Error(path.Property("customProperties").Property("folder"), cpFields[0], $"expected a string, got {Kind(cpFields[0])}");
                        }

                        if (cpFields[1].ValueKind != JsonValueKind.Undefined)
                        {
                            ExpectBool(cpFields[1], path.Property("customProperties").Property("includeInWorkspaces"));
                        }
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
                    _runPriorityNumber = value.ValueKind == JsonValueKind.Number;
                    break;
                case "restartPolicy":
                    ValidateRestartPolicy(value, path.Property("restartPolicy"));
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

        var detailsPath = DetailsPath;
        if (details.ValueKind != JsonValueKind.Object)
        {
            Error(detailsPath, details, $"expected an object, got {Kind(details)}");
            return;
        }

        _detailsObject = true;

        ValidateDetails(details, detailsPath, type, hasAsset, service);
    }

    private void ValidateRequiredDetails(JsonPath path, AppType type, bool hasAsset, bool hasPath, bool hasRemote, JsonElement remote)
    {
        switch (type)
        {
            case AppType.Window when !hasAsset:
            case AppType.ClickOnce:
            case AppType.WebGroup:
                Error(path.Property("url"), null, $"is required for type {TypeName(type)}");
                break;
            case AppType.Exe:
                Error(path.Property("path"), null, $"is required for type {TypeName(type)}");
                break;
            case AppType.Citrix:
                Error(path.Property("name"), null, $"is required for type {TypeName(type)}");
                break;
            case AppType.ChildWindow:
                Error(path.Property("owner"), null, $"is required for type {TypeName(type)}");
                break;
            case AppType.Node:
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
                if (ExpectOneOf(s, new At(path, "stage"), Stages))
                {
                    AppDefinition.TryParseStage(KnownString(s, Stages)!, out var st);
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

        // Like the store-kind rules below, a stage the app cannot start in is a warning: the app stays available and the
        // boot refuses only its auto-start (the definition is valid; only its runPriority has no effect).
        var stagePath = value.ValueKind == JsonValueKind.Object ? path.Property("stage") : path;
        var numeric = value.ValueKind == JsonValueKind.Number;
        var note = numeric ? " (a numeric runPriority means stage core)" : string.Empty;
        if (st2 == BootStage.Core && type is not (AppType.Exe or AppType.Node or AppType.Unknown))
        {
            Warn(stagePath, value.ValueKind == JsonValueKind.Object && value.TryGetProperty("stage", out var sv) ? sv : value,
                $"only exe and node apps can start in stage core; this {TypeName(type)} app will not be started at boot{note}"
                + (numeric ? $"; for another stage write {{\"stage\": \"{(_kind == StoreKind.Regular ? "user" : "pre-sso")}\", \"priority\": {value.GetRawText()}}}" : string.Empty));
        }
        else if (_kind == StoreKind.Regular && st2 is BootStage.Core or BootStage.PreSso or BootStage.PostSso)
        {
            Warn(stagePath, null, $"stage {StageName(st2)} only starts apps from system{(st2 == BootStage.Core ? string.Empty : " or in-memory")} stores; this regular-store app will not start in it{note}");
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
}
