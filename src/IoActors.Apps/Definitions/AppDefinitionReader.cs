using System.Text;
using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <summary>
/// The entry point stores and the host use: reads definitions from a file or a store response, converts FDC3 records,
/// applies the store's overrides, validates and normalizes, and places every problem at a file line and column.
/// </summary>
/// <remarks>
/// Accepted input: one definition object, an array of them, or a REST store response <c>{"applications": [...]}</c>;
/// FDC3 App Directory records (v1.x and v2) may appear anywhere a definition may. Comments and trailing commas are allowed.
/// A definition with errors is rejected on its own: its neighbours in the same array are still accepted. A file that is not
/// valid JSON yields no definitions and one error at the position of the syntax error. A string or property name that cannot
/// be read as text (an unpaired surrogate escape such as <c>"\udc00"</c>, bytes that are not UTF-8) rejects the definition
/// holding it, with an error at its path; a key that occurs twice in one object is a warning naming both lines (the last one
/// is used). Names must be unique within one input: a later duplicate is rejected, a name that differs from an earlier one
/// only in letter case is a warning (<see cref="ReadFiles"/> applies the same rule across a store's files).
/// </remarks>
public static partial class AppDefinitionReader
{
    /// <summary>Reads a definition file.</summary>
    /// <param name="path">The file path; used as the source name in problems.</param>
    /// <param name="kind">The kind of store the file belongs to.</param>
    /// <param name="overrides">The store's <c>appDefinitionOverrides</c>, or <see langword="null"/>.</param>
    /// <returns>The accepted definitions and the problems; an unreadable file gives one error and no definitions.</returns>
    public static AppDefinitionReadResult ReadFile(string path, StoreKind kind, AppDefinitionOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return new AppDefinitionReadResult(path, [], [new DefinitionProblem(path, 0, 0, string.Empty, null, $"cannot read the file: {ex.Message}", ProblemSeverity.Error, null, null)], 0);
        }

        return ReadJson(bytes, path, kind, overrides);
    }

    /// <summary>
    /// Reads the files of one store (e.g. the <c>*.json</c> files of a path store) as one set: each file as by
    /// <see cref="ReadFile"/>, then names must be unique across the files; a later duplicate is rejected with an error at its name.
    /// </summary>
    /// <param name="paths">The files, in load order.</param>
    /// <param name="kind">The kind of store.</param>
    /// <param name="overrides">The store's <c>appDefinitionOverrides</c>, or <see langword="null"/>.</param>
    /// <returns>One result over all files (its <see cref="AppDefinitionReadResult.Source"/> is <see langword="null"/>; each problem names its file).</returns>
    public static AppDefinitionReadResult ReadFiles(IEnumerable<string> paths, StoreKind kind, AppDefinitionOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var definitions = new List<AppDefinition>();
        var problems = new List<DefinitionProblem>();
        var records = 0;
        var names = new AppNameIndex<string>();
        foreach (var path in paths)
        {
            var result = ReadFile(path, kind, overrides);
            records += result.RecordCount;

            // Within the file the reader has checked the names; here each is checked against the earlier files only.
            List<(AppDefinition Definition, object[] Prefix, AppNameClash<string> Clash)>? clashes = null;
            var accepted = new List<AppDefinition>(result.Definitions.Count);
            for (var i = 0; i < result.Definitions.Count; i++)
            {
                var definition = result.Definitions[i];
                if (names.Find(definition.Name) is { } clash)
                {
                    (clashes ??= []).Add((definition, result.Prefixes[i], clash));
                    if (clash.Severity == ProblemSeverity.Error)
                    {
                        continue;
                    }
                }

                accepted.Add(definition);
            }

            foreach (var definition in accepted)
            {
                names.Add(definition.Name, path);
            }

            definitions.AddRange(accepted);
            problems.AddRange(clashes is null ? result.Problems : result.Problems.Concat(PlaceNameClashes(path, clashes)).OrderBy(p => p.Line).ThenBy(p => p.Column));
        }

        return new AppDefinitionReadResult(null, definitions, problems, records);
    }

    private static IEnumerable<DefinitionProblem> PlaceNameClashes(string path, List<(AppDefinition Definition, object[] Prefix, AppNameClash<string> Clash)> clashes)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            bytes = [];
        }

        var locator = new JsonLocator(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes);
        var offsets = locator.Offsets(clashes.ConvertAll(d => (object[])[.. d.Prefix, "name"]));
        for (var i = 0; i < clashes.Count; i++)
        {
            var (line, column) = locator.LineColumn(offsets[i]);
            var (d, prefix, clash) = clashes[i];
            var index = prefix.Length > 0 && prefix[^1] is int n ? n : (int?)null;
            yield return new DefinitionProblem(path, line, column, "name", $"\"{d.Name}\"", clash.Message(d.Name, $" in {clash.First}"), clash.Severity, d.Name, index);
        }
    }

    /// <summary>Reads definitions from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="sourceName">The file or store name for problems, or <see langword="null"/>.</param>
    /// <param name="kind">The kind of store.</param>
    /// <param name="overrides">The store's <c>appDefinitionOverrides</c>, or <see langword="null"/>.</param>
    /// <returns>The accepted definitions and the problems.</returns>
    public static AppDefinitionReadResult ReadJson(string json, string? sourceName, StoreKind kind, AppDefinitionOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ReadJson(Encoding.UTF8.GetBytes(json), sourceName, kind, overrides);
    }

    /// <summary>Reads definitions from UTF-8 JSON (a leading byte-order mark is ignored).</summary>
    /// <param name="utf8">The JSON bytes; not retained.</param>
    /// <param name="sourceName">The file or store name for problems, or <see langword="null"/>.</param>
    /// <param name="kind">The kind of store.</param>
    /// <param name="overrides">The store's <c>appDefinitionOverrides</c>, or <see langword="null"/>.</param>
    /// <returns>The accepted definitions and the problems.</returns>
    public static AppDefinitionReadResult ReadJson(ReadOnlyMemory<byte> utf8, string? sourceName, StoreKind kind, AppDefinitionOverrides? overrides = null)
    {
        if (utf8.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, AppDefinition.DocumentOptions);
        }
        catch (JsonException ex)
        {
            var (line, column, reason) = new JsonLocator(utf8).Describe(ex);
            return new AppDefinitionReadResult(sourceName, [], [new DefinitionProblem(sourceName, line, column, string.Empty, null, $"invalid JSON: {reason}", ProblemSeverity.Error, null, null)], 0);
        }

        using (document)
        {
            return Read(document.RootElement, utf8, sourceName, kind, overrides, JsonInputCheck.Find(document.RootElement, utf8.Span));
        }
    }
}
