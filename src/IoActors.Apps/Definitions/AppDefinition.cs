using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IoActors.Apps.Definitions;

/// <summary>
/// One app definition: its full JSON (so unknown properties round-trip unchanged) with typed accessors for what the
/// platform acts on. Instances are immutable and safe to share between actors; "changing" one (normalizing, applying
/// overrides) makes a new instance.
/// </summary>
/// <remarks>
/// The accessors never throw on a definition that was not validated: a property of the wrong type reads as absent.
/// Equality is canonical: two definitions are equal when their JSON is equal regardless of key order and whitespace.
/// </remarks>
public sealed class AppDefinition : IEquatable<AppDefinition>
{
    internal static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    private readonly JsonElement _json;

    // Lazily computed: most definitions are never compared, and stores hash only on poll.
    private ulong _hash;
    private bool _hashComputed;

    private AppDefinition(AppDefinition other, string? source, StoreKind? storeKind)
    {
        // Same JSON, other metadata: reuse what the other instance already read.
        _json = other._json;
        Source = source;
        StoreKind = storeKind;
        Name = other.Name;
        TypeName = other.TypeName;
        Type = other.Type;
        _hash = other._hash;
        _hashComputed = other._hashComputed;
    }

    private AppDefinition(AppDefinition other, JsonElement json, StoreKind storeKind)
    {
        _json = json;
        Source = other.Source;
        StoreKind = storeKind;
        Name = other.Name;
        TypeName = other.TypeName;
        Type = other.Type;
    }

    private AppDefinition(JsonElement json, string? source, StoreKind? storeKind, string name, string typeName)
    {
        _json = json;
        Source = source;
        StoreKind = storeKind;
        Name = name;
        TypeName = typeName;
        Type = ParseType(typeName);
    }

    private AppDefinition(JsonElement json, string? source, StoreKind? storeKind)
    {
        _json = json;
        Source = source;
        StoreKind = storeKind;
        Name = ReadString(json, "name") ?? string.Empty;
        TypeName = ReadString(json, "type") ?? string.Empty;
        Type = ParseType(TypeName);
    }

    /// <summary>The full definition JSON (an object). The element is read-only and stays valid for the definition's lifetime.</summary>
    public JsonElement Json => _json;

    /// <summary>Where the definition came from (a file path or a store name), or <see langword="null"/>; not part of the content.</summary>
    public string? Source { get; }

    /// <summary>The kind of store the definition was normalized for, or <see langword="null"/> when it was not normalized.</summary>
    public StoreKind? StoreKind { get; }

    /// <summary>The app name (<c>name</c>), the key apps are known by; empty when missing.</summary>
    public string Name { get; }

    /// <summary>The app type as written (<c>type</c>); empty when missing.</summary>
    public string TypeName { get; }

    /// <summary>The app type, or <see cref="AppType.Unknown"/> when <see cref="TypeName"/> is not a documented type.</summary>
    public AppType Type { get; }

    /// <summary>The title (<c>title</c>); defaults to <see cref="Name"/>.</summary>
    public string Title => ReadString(_json, "title") ?? Name;

    /// <summary>The type-specific <c>details</c> object, or an element of kind <see cref="JsonValueKind.Undefined"/> when missing.</summary>
    public JsonElement Details => _json.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;

    /// <summary>Whether the app starts with the platform (<c>autoStart</c>). The default is <see langword="false"/>.</summary>
    public bool AutoStart => ReadBool(_json, "autoStart") ?? false;

    /// <summary>Whether the app is a service (<c>service</c>): auto-started and invisible. The default is <see langword="false"/>.</summary>
    public bool Service => ReadBool(_json, "service") ?? false;

    /// <summary>Whether the app is hidden from the launcher (<c>hidden</c>). The default is <see langword="false"/>.</summary>
    public bool Hidden => ReadBool(_json, "hidden") ?? false;

    /// <summary>Whether the app's window is invisible (<c>details.hidden</c>). The default is <see langword="false"/>.</summary>
    public bool WindowHidden => Details.ValueKind == JsonValueKind.Object && (ReadBool(Details, "hidden") ?? false);

    /// <summary>Whether several instances may run at once (<c>allowMultiple</c>). The default is <see langword="true"/>.</summary>
    public bool AllowMultiple => ReadBool(_json, "allowMultiple") ?? true;

    /// <summary>Whether the App Default Layout is ignored (<c>ignoreSavedLayout</c>). The default is <see langword="false"/>.</summary>
    public bool IgnoreSavedLayout => ReadBool(_json, "ignoreSavedLayout") ?? false;

    /// <summary>The description shown for the app (<c>caption</c>), or <see langword="null"/>.</summary>
    public string? Caption => ReadString(_json, "caption");

    /// <summary>The icon URL (<c>icon</c>), or <see langword="null"/>.</summary>
    public string? Icon => ReadString(_json, "icon");

    /// <summary>The keywords (<c>keywords</c>); empty when missing. Non-string entries are skipped.</summary>
    public IReadOnlyList<string> Keywords
    {
        get
        {
            if (!_json.TryGetProperty("keywords", out var k) || k.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            var list = new List<string>(k.GetArrayLength());
            foreach (var item in k.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    list.Add(item.GetString()!);
                }
            }

            return list;
        }
    }

    /// <summary>The documented custom properties (<c>customProperties.folder</c>, <c>customProperties.includeInWorkspaces</c>).</summary>
    public AppCustomProperties CustomProperties
    {
        get
        {
            if (!_json.TryGetProperty("customProperties", out var c) || c.ValueKind != JsonValueKind.Object)
            {
                return new AppCustomProperties(null, false);
            }

            return new AppCustomProperties(ReadString(c, "folder"), ReadBool(c, "includeInWorkspaces") ?? false);
        }
    }

    /// <summary>The remote archive (<c>asset</c>, or its alias <c>assets</c>), or <see langword="null"/>.</summary>
    public AppAsset? Asset
    {
        get
        {
            if (!(_json.TryGetProperty("asset", out var a) && a.ValueKind == JsonValueKind.Object)
                && !(_json.TryGetProperty("assets", out a) && a.ValueKind == JsonValueKind.Object))
            {
                return null;
            }

            var src = ReadString(a, "src");
            if (src is null)
            {
                return null;
            }

            var headers = new List<KeyValuePair<string, string>>();
            if (a.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Array)
            {
                foreach (var header in h.EnumerateArray())
                {
                    if (header.ValueKind == JsonValueKind.Object && ReadString(header, "name") is { } n && ReadString(header, "value") is { } v)
                    {
                        headers.Add(new(n, v));
                    }
                }
            }

            return new AppAsset(src, ReadBool(a, "noCache") ?? false, headers);
        }
    }

    /// <summary>
    /// The boot placement. On a normalized definition this is always set: the written <c>runPriority</c> with its defaults
    /// filled in, or <see cref="Definitions.RunPriority.Default"/> for the store kind. On a definition that was not
    /// normalized it is the written value (a number reads as stage core) or <see langword="null"/>.
    /// </summary>
    public RunPriority? RunPriority
    {
        get
        {
            if (_json.TryGetProperty("runPriority", out var rp))
            {
                if (rp.ValueKind == JsonValueKind.Number)
                {
                    return new RunPriority(BootStage.Core, rp.GetDouble(), null, StoreKind is { } k ? Definitions.RunPriority.DefaultWait(k) : null);
                }

                if (rp.ValueKind == JsonValueKind.Object)
                {
                    var stage = ReadString(rp, "stage") is { } s && TryParseStage(s, out var st) ? st : StoreKind is { } k1 ? Definitions.RunPriority.DefaultStage(k1) : BootStage.User;
                    var priority = rp.TryGetProperty("priority", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : 0;
                    TimeSpan? timeout = rp.TryGetProperty("timeout", out var t) && t.ValueKind == JsonValueKind.Number && t.GetDouble() > 0
                        ? TimeSpan.FromMilliseconds(t.GetDouble())
                        : null;
                    InitializationWait? wait = rp.TryGetProperty("waitForInitialization", out var w) && TryParseWait(w, out var wv)
                        ? wv
                        : StoreKind is { } k2 ? Definitions.RunPriority.DefaultWait(k2) : null;
                    return new RunPriority(stage, priority, timeout, wait);
                }
            }

            return StoreKind is { } kind ? Definitions.RunPriority.Default(kind) : null;
        }
    }

    /// <summary>
    /// A stable 64-bit structural hash of the JSON: equal for definitions that differ only in key order, whitespace,
    /// comments, string escaping or number spelling; array order and every value count. Use it for change detection
    /// (equal content always gives equal hashes; use <see cref="Equals(AppDefinition?)"/> to rule out a collision). It is
    /// computed on first use and is not a cryptographic hash.
    /// </summary>
    public ulong ContentHash
    {
        get
        {
            if (!Volatile.Read(ref _hashComputed))
            {
                _hash = CanonicalJson.Hash(_json);
                Volatile.Write(ref _hashComputed, true);
            }

            return _hash;
        }
    }

    /// <summary>Reads one definition from JSON text (comments and trailing commas allowed). It is not validated.</summary>
    /// <param name="json">The JSON of one definition object.</param>
    /// <param name="source">Where it came from, for messages; optional.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="FormatException">The text is not JSON, not an object, or holds a string that cannot be read as text
    /// (an unpaired surrogate escape such as <c>"\udc00"</c>); the message names line, column and path.</exception>
    public static AppDefinition Parse(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var utf8 = Encoding.UTF8.GetBytes(json);
            using var doc = JsonDocument.Parse(utf8, DocumentOptions);
            if (JsonInputCheck.Find(doc.RootElement, utf8)?.Find(i => i.IsError) is { } bad)
            {
                var locator = new JsonLocator(utf8);
                var (line, column) = locator.LineColumn(bad.Offset);
                throw new FormatException($"{source ?? "<input>"}:{line}:{column}: {JsonPath.Of(bad.Path)}: {bad.Message(o => locator.LineColumn(o).Line)}");
            }

            return FromJson(doc.RootElement, source);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source ?? "<input>"}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: {ex.Message}", ex);
        }
    }

    /// <summary>Makes a definition from a JSON object (copied, so the caller may dispose its document). It is not validated.</summary>
    /// <param name="json">A JSON object.</param>
    /// <param name="source">Where it came from, for messages; optional.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="FormatException"><paramref name="json"/> is not an object.</exception>
    public static AppDefinition FromJson(JsonElement json, string? source = null)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"An app definition must be a JSON object, not {json.ValueKind.ToString().ToLowerInvariant()}.");
        }

        return new AppDefinition(json.Clone(), source, null);
    }

    /// <summary>Makes a definition from a <see cref="JsonObject"/> (serialized, so later changes to the node do not leak in). It is not validated.</summary>
    /// <param name="json">The definition object.</param>
    /// <param name="source">Where it came from, for messages; optional.</param>
    /// <returns>The definition.</returns>
    public static AppDefinition FromJson(JsonObject json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(json);
        using var doc = JsonDocument.Parse(bytes);
        return new AppDefinition(doc.RootElement.Clone(), source, null);
    }

    /// <summary>A mutable copy of the JSON, for callers that want to edit and make a new definition.</summary>
    /// <returns>A new <see cref="JsonObject"/> with the same content and key order.</returns>
    public JsonObject ToJsonObject() => JsonObject.Create(_json.Clone())!;

    /// <summary>Serializes the definition exactly as held (key order and every unknown property preserved).</summary>
    /// <param name="indented">Whether to indent the output.</param>
    /// <returns>The JSON text.</returns>
    public string ToJsonString(bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            _json.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Writes the definition exactly as held.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _json.WriteTo(writer);
    }

    /// <summary>Reads a top-level property.</summary>
    /// <param name="name">The property name (case-sensitive).</param>
    /// <param name="value">The value when found.</param>
    /// <returns>Whether the property exists.</returns>
    public bool TryGetProperty(string name, out JsonElement value) => _json.TryGetProperty(name, out value);

    /// <summary>Canonical equality: same JSON regardless of key order, whitespace and number spelling.</summary>
    /// <param name="other">The other definition.</param>
    /// <returns>Whether both hold the same content.</returns>
    public bool Equals(AppDefinition? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return ContentHash == other.ContentHash && CanonicalJson.Equal(_json, other._json);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AppDefinition);

    /// <inheritdoc/>
    public override int GetHashCode() => (int)(ContentHash ^ (ContentHash >> 32));

    /// <summary>Returns <c>name (type)</c>.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{Name} ({TypeName})";

    internal static AppDefinition Create(JsonElement ownedJson, string? source, StoreKind? storeKind) => new(ownedJson, source, storeKind);

    /// <summary>A definition whose top-level <c>name</c> and <c>type</c> the caller has already read (as <see cref="Name"/> and <see cref="TypeName"/> would).</summary>
    internal static AppDefinition Create(JsonElement ownedJson, string? source, StoreKind? storeKind, string name, string typeName) => new(ownedJson, source, storeKind, name, typeName);

    internal AppDefinition WithStoreKind(StoreKind kind) => new(this, Source, kind);

    /// <summary>The same definition with rewritten JSON that keeps its name and type (the normalizer's fixes), for <paramref name="kind"/>.</summary>
    internal AppDefinition WithJson(JsonElement ownedJson, StoreKind kind) => new(this, ownedJson, kind);

    internal AppDefinition WithSource(string? source) => new(this, source, StoreKind);

    internal static AppType ParseType(string type) => type switch
    {
        "window" => AppType.Window,
        "exe" => AppType.Exe,
        "node" => AppType.Node,
        "clickonce" => AppType.ClickOnce,
        "citrix" => AppType.Citrix,
        "workspaces" => AppType.Workspaces,
        "webGroup" => AppType.WebGroup,
        "childWindow" => AppType.ChildWindow,
        _ => AppType.Unknown,
    };

    internal static bool TryParseStage(string stage, out BootStage value)
    {
        switch (stage)
        {
            case "core": value = BootStage.Core; return true;
            case "pre-sso": value = BootStage.PreSso; return true;
            case "post-sso": value = BootStage.PostSso; return true;
            case "user": value = BootStage.User; return true;
            default: value = default; return false;
        }
    }

    internal static bool TryParseWait(JsonElement value, out InitializationWait wait)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.True: wait = InitializationWait.Yes; return true;
            case JsonValueKind.False: wait = InitializationWait.No; return true;
            case JsonValueKind.String:
                switch (value.GetString())
                {
                    case "no": wait = InitializationWait.No; return true;
                    case "appSignal": wait = InitializationWait.AppSignal; return true;
                    case "interopReady": wait = InitializationWait.InteropReady; return true;
                }

                break;
        }

        wait = default;
        return false;
    }

    internal static string? ReadString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    internal static bool? ReadBool(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) ? v.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null } : null;
}
