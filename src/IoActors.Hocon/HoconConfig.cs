using System.Globalization;
using IoActors.Hocon.Parsing;
using IoActors.Hocon.Rendering;
using IoActors.Hocon.Resolution;
using IoActors.Hocon.Units;

namespace IoActors.Hocon;

/// <summary>
/// A parsed and fully resolved HOCON configuration with typed getters. Immutable; parsing and resolution complete before
/// an instance exists, so a configuration is never half-loaded. Paths are HOCON path expressions (<c>a.b."c.d"</c>).
/// </summary>
public sealed class HoconConfig
{
    private HoconConfig(HoconObject root)
    {
        Root = root;
    }

    /// <summary>An empty configuration.</summary>
    public static HoconConfig Empty { get; } = new(new HoconObject(default));

    /// <summary>The resolved root object.</summary>
    public HoconObject Root { get; }

    /// <summary>Parses and resolves HOCON (or JSON) text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="sourceName">A file path or name used in error messages; relative includes resolve against its folder when it is a path.</param>
    /// <param name="options">Parse options; <see cref="HoconParseOptions.Default"/> when null.</param>
    /// <returns>The resolved configuration.</returns>
    /// <exception cref="HoconException">The text is malformed or a substitution cannot be resolved.</exception>
    public static HoconConfig Parse(string text, string? sourceName = null, HoconParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= HoconParseOptions.Default;
        string? directory = null;
        if (sourceName is not null && (sourceName.Contains('/') || sourceName.Contains('\\')))
        {
            directory = Path.GetDirectoryName(Path.GetFullPath(sourceName));
        }

        return ParseCore(text, sourceName, directory ?? options.BaseDirectory, options, sourceName is null ? null : Path.GetFullPath(sourceName));
    }

    /// <summary>Loads, parses and resolves a file; includes resolve relative to the file's folder.</summary>
    /// <param name="file">The file path.</param>
    /// <param name="options">Parse options; <see cref="HoconParseOptions.Default"/> when null.</param>
    /// <returns>The resolved configuration.</returns>
    /// <exception cref="HoconException">The file is missing, unreadable or malformed, or a substitution cannot be resolved.</exception>
    public static HoconConfig Load(string file, HoconParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        options ??= HoconParseOptions.Default;
        var full = Path.GetFullPath(file);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read the file: {ex.Message}";
            throw new HoconException(reason, file, innerException: ex);
        }

        return ParseCore(text, file, Path.GetDirectoryName(full), options, full);
    }

    private static HoconConfig ParseCore(string text, string? sourceName, string? directory, HoconParseOptions options, string? fullPath)
    {
        var buffers = HoconParseBuffers.Rent();
        var context = new HoconParseContext(options, text.Length, buffers);
        if (fullPath is not null)
        {
            context.IncludeStack.Add(fullPath);
        }

        var root = new HoconParser(text, sourceName, directory, context, []).ParseRoot();

        // A parse that threw may have left values in the arrays: those are not reused.
        HoconParseBuffers.Return(buffers);
        if (context.UnresolvedCount > 0)
        {
            root = HoconResolver.Resolve(root, options.EnvironmentVariables);
        }

        return new HoconConfig(root);
    }

    /// <summary>Gets the value at a path, or <see langword="null"/> when there is none.</summary>
    /// <param name="path">The path expression.</param>
    /// <returns>The value (possibly the null value), or <see langword="null"/> if the path is missing.</returns>
    public HoconValue? GetValue(string path)
    {
        HoconValue current = Root;
        foreach (var key in HoconParser.ParsePathExpression(path))
        {
            if (current is not HoconObject obj || !obj.TryGetValue(key, out var child))
            {
                return null;
            }

            current = child;
        }

        return current;
    }

    /// <summary>True when the path exists and is not null (HOCON's hasPath).</summary>
    /// <param name="path">The path expression.</param>
    /// <returns>Whether a non-null value is set.</returns>
    public bool HasPath(string path) => GetValue(path) is { Kind: not HoconValueKind.Null };

    /// <summary>Gets a string; numbers and booleans convert (HOCON.md "Automatic type conversions").</summary>
    /// <param name="path">The path expression.</param>
    /// <returns>The string.</returns>
    /// <exception cref="HoconException">The path is missing, null, or not a simple value.</exception>
    public string GetString(string path) => Scalar(path, "a string").Text;

    /// <summary>Gets a 32-bit integer; strings holding a number convert.</summary>
    /// <param name="path">The path expression.</param>
    /// <returns>The integer.</returns>
    /// <exception cref="HoconException">The path is missing or the value is not an integer in range.</exception>
    public int GetInt(string path)
    {
        var scalar = Scalar(path, "an integer");
        return int.TryParse(scalar.Text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw WrongType(path, scalar, "a 32-bit integer");
    }

    /// <summary>Gets a 64-bit integer; strings holding a number convert.</summary>
    /// <param name="path">The path expression.</param>
    /// <returns>The integer.</returns>
    /// <exception cref="HoconException">The path is missing or the value is not an integer in range.</exception>
    public long GetLong(string path)
    {
        var scalar = Scalar(path, "an integer");
        return long.TryParse(scalar.Text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw WrongType(path, scalar, "a 64-bit integer");
    }

    /// <summary>Gets a floating-point number; strings holding a number convert.</summary>
    /// <param name="path">The path expression.</param>
    /// <returns>The number.</returns>
    /// <exception cref="HoconException">The path is missing or the value is not a number.</exception>
    public double GetDouble(string path)
    {
        var scalar = Scalar(path, "a number");
        return scalar.TryGetDouble(out var value) ? value : throw WrongType(path, scalar, "a number");
    }

    /// <summary>Gets a boolean: true/false, or the strings yes/no, on/off.</summary>
    /// <param name="path">The path expression.</param>
    /// <returns>The boolean.</returns>
    /// <exception cref="HoconException">The path is missing or the value is not a boolean.</exception>
    public bool GetBoolean(string path)
    {
        var scalar = Scalar(path, "a boolean");
        return scalar.TryGetBoolean(out var value) ? value : throw WrongType(path, scalar, "a boolean (true/false, yes/no, on/off)");
    }

    /// <summary>Gets a duration: <c>ns, us, ms, s, m, h, d</c> and their long forms; a bare number is milliseconds.</summary>
    /// <param name="path">The path expression.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="HoconException">The path is missing or the value is not a duration.</exception>
    public TimeSpan GetDuration(string path)
    {
        var scalar = Scalar(path, "a duration");
        return HoconUnits.TryParseDuration(scalar.Text, out var value, out var error)
            ? value
            : throw new HoconException($"{path}: {error}", scalar.Origin, path);
    }

    /// <summary>Gets a size in bytes: <c>kB, MB, GB…</c> are powers of 1000, <c>K/Ki/KiB, M/Mi/MiB…</c> powers of 1024; a bare number is bytes.</summary>
    /// <param name="path">The path expression.</param>
    /// <returns>The number of bytes.</returns>
    /// <exception cref="HoconException">The path is missing or the value is not a size.</exception>
    public long GetByteSize(string path)
    {
        var scalar = Scalar(path, "a size in bytes");
        return HoconUnits.TryParseByteSize(scalar.Text, out var value, out var error)
            ? value
            : throw new HoconException($"{path}: {error}", scalar.Origin, path);
    }

    /// <summary>Gets a list; an object with integer keys converts to a list (HOCON.md "Conversion of numerically-indexed objects to arrays").</summary>
    /// <param name="path">The path expression.</param>
    /// <returns>The elements.</returns>
    /// <exception cref="HoconException">The path is missing or the value is not a list.</exception>
    public IReadOnlyList<HoconValue> GetList(string path)
    {
        var value = Required(path, "a list");
        return value switch
        {
            HoconArray array => array,
            HoconObject obj when HoconArrayConversion.TryConvert(obj) is { } converted => converted,
            _ => throw WrongType(path, value, "a list"),
        };
    }

    /// <summary>Gets a list of strings.</summary>
    /// <param name="path">The path expression.</param>
    /// <returns>The strings.</returns>
    /// <exception cref="HoconException">The path is missing or an element is not a simple value.</exception>
    public IReadOnlyList<string> GetStringList(string path)
    {
        var list = GetList(path);
        var result = new string[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            result[i] = list[i] is HoconScalar { Kind: not HoconValueKind.Null } scalar
                ? scalar.Text
                : throw WrongType($"{path}[{i}]", list[i], "a string");
        }

        return result;
    }

    /// <summary>Gets the object at a path as a configuration.</summary>
    /// <param name="path">The path expression.</param>
    /// <returns>The sub-configuration.</returns>
    /// <exception cref="HoconException">The path is missing or is not an object.</exception>
    public HoconConfig GetConfig(string path)
    {
        var value = Required(path, "an object");
        return value is HoconObject obj ? new HoconConfig(obj) : throw WrongType(path, value, "an object");
    }

    /// <summary>
    /// Returns this configuration with <paramref name="fallback"/> underneath: values here win; objects present in both
    /// merge (HOCON.md "Config object merging and file merging").
    /// </summary>
    /// <param name="fallback">The configuration to fall back to.</param>
    /// <returns>The merged configuration.</returns>
    public HoconConfig WithFallback(HoconConfig fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new HoconConfig(HoconMerger.MergeResolved(Root, fallback.Root));
    }

    /// <summary>Renders the resolved tree as JSON.</summary>
    /// <param name="indented">Whether to indent.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool indented = true) => Root.ToJson(indented);

    /// <summary>Renders the resolved tree as HOCON-style text.</summary>
    /// <returns>The text.</returns>
    public string ToHocon() => HoconTextWriter.Write(Root);

    /// <inheritdoc />
    public override string ToString() => ToHocon();

    private HoconValue Required(string path, string expected)
    {
        return GetValue(path) ?? throw new HoconException($"no setting at '{path}' ({expected} was expected)", path: path);
    }

    private HoconScalar Scalar(string path, string expected)
    {
        var value = Required(path, expected);
        return value is HoconScalar { Kind: not HoconValueKind.Null } scalar ? scalar : throw WrongType(path, value, expected);
    }

    private static HoconException WrongType(string path, HoconValue value, string expected)
    {
        var found = value is HoconScalar scalar && scalar.Kind != HoconValueKind.Null
            ? $"{scalar.Kind.ToString().ToLowerInvariant()} '{scalar.Text}'"
            : value.Kind.ToString().ToLowerInvariant();
        return new HoconException($"{path}: expected {expected}, found {found}", value.Origin, path);
    }
}
