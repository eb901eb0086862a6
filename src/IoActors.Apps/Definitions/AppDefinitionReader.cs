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
/// valid JSON yields no definitions and one error at the position of the syntax error. Names must be unique within one
/// input; a later duplicate is rejected (use <see cref="AppDefinitionValidator.FindDuplicateNames"/> across a store's files).
/// </remarks>
public static class AppDefinitionReader
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
        var firstByName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var result = ReadFile(path, kind, overrides);
            records += result.RecordCount;
            problems.AddRange(result.Problems);
            List<(AppDefinition Definition, object[] Prefix)>? duplicates = null;
            for (var i = 0; i < result.Definitions.Count; i++)
            {
                var definition = result.Definitions[i];
                if (firstByName.TryAdd(definition.Name, path))
                {
                    definitions.Add(definition);
                }
                else
                {
                    (duplicates ??= []).Add((definition, result.Prefixes[i]));
                }
            }

            if (duplicates is not null)
            {
                problems.AddRange(PlaceDuplicates(path, duplicates, firstByName));
            }
        }

        return new AppDefinitionReadResult(null, definitions, problems, records);
    }

    private static IEnumerable<DefinitionProblem> PlaceDuplicates(string path, List<(AppDefinition Definition, object[] Prefix)> duplicates, Dictionary<string, string> firstByName)
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
        var offsets = locator.Offsets(duplicates.ConvertAll(d => (object[])[.. d.Prefix, "name"]));
        for (var i = 0; i < duplicates.Count; i++)
        {
            var (line, column) = locator.LineColumn(offsets[i]);
            var d = duplicates[i].Definition;
            var index = duplicates[i].Prefix.Length > 0 && duplicates[i].Prefix[^1] is int n ? n : (int?)null;
            yield return new DefinitionProblem(path, line, column, "name", $"\"{d.Name}\"",
                $"\"{d.Name}\" is already defined in {firstByName[d.Name]}; app names must be unique within a store", ProblemSeverity.Error, d.Name, index);
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
            var locator = new JsonLocator(utf8);
            var (line, column) = locator.FromLineAndBytePosition(ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
            cut = cut > 0 ? cut : message.IndexOf(" Path: ", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }

            return new AppDefinitionReadResult(sourceName, [], [new DefinitionProblem(sourceName, line, column, string.Empty, null, $"invalid JSON: {message}", ProblemSeverity.Error, null, null)], 0);
        }

        using (document)
        {
            return Read(document.RootElement, utf8, sourceName, kind, overrides);
        }
    }

    private static AppDefinitionReadResult Read(JsonElement root, ReadOnlyMemory<byte> utf8, string? sourceName, StoreKind kind, AppDefinitionOverrides? overrides)
    {
        var pending = new List<PendingProblem>();
        var definitions = new List<AppDefinition>();
        var prefixes = new List<object[]>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var recordCount = 0;

        void ReadRecord(JsonElement record, object[] prefix, int? index)
        {
            recordCount++;
            var raw = new List<RawProblem>();
            string? appName = null;
            if (record.ValueKind != JsonValueKind.Object)
            {
                raw.Add(new RawProblem(JsonPath.Root, DefinitionValidator.Show(record), $"an app definition must be an object, not {record.ValueKind.ToString().ToLowerInvariant()}", ProblemSeverity.Error));
                pending.Add(new PendingProblem(prefix, index, appName, raw));
                return;
            }

            JsonElement json;
            if (Fdc3Converter.IsFdc3(record))
            {
                appName = AppDefinition.ReadString(record, "name") ?? AppDefinition.ReadString(record, "appId");
                if (Fdc3Converter.Convert(record, raw) is not { } converted)
                {
                    pending.Add(new PendingProblem(prefix, index, appName, raw));
                    return;
                }

                json = converted;
            }
            else
            {
                json = record.Clone();
            }

            var definition = AppDefinition.Create(json, sourceName, null);
            appName = definition.Name.Length > 0 ? definition.Name : null;
            if (overrides is not null)
            {
                definition = overrides.Apply(definition);
            }

            raw.AddRange(DefinitionValidator.Validate(definition.Json, kind));
            var ok = !raw.Exists(p => p.Severity == ProblemSeverity.Error);
            if (ok && names.TryGetValue(definition.Name, out var firstIndex))
            {
                raw.Add(new RawProblem(JsonPath.Root.Property("name"), $"\"{definition.Name}\"",
                    $"\"{definition.Name}\" is already defined{(index is not null ? $" at index {firstIndex}" : string.Empty)}; app names must be unique within a store", ProblemSeverity.Error));
                ok = false;
            }

            if (ok)
            {
                names[definition.Name] = index ?? 0;
                definitions.Add(AppDefinitionNormalizer.Normalize(definition, kind));
                prefixes.Add(prefix);
            }

            if (raw.Count > 0)
            {
                pending.Add(new PendingProblem(prefix, index, appName, raw));
            }
        }

        if (root.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in root.EnumerateArray())
            {
                ReadRecord(item, [i], i);
                i++;
            }
        }
        else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("applications", out var apps) && apps.ValueKind == JsonValueKind.Array
                 && !root.TryGetProperty("name", out _) && !root.TryGetProperty("type", out _))
        {
            var i = 0;
            foreach (var item in apps.EnumerateArray())
            {
                ReadRecord(item, ["applications", i], i);
                i++;
            }
        }
        else if (root.ValueKind == JsonValueKind.Object)
        {
            ReadRecord(root, [], null);
        }
        else
        {
            pending.Add(new PendingProblem([], null, null,
                [new RawProblem(JsonPath.Root, DefinitionValidator.Show(root), $"expected an app definition object, an array of them or {{\"applications\": [...]}}, not {root.ValueKind.ToString().ToLowerInvariant()}", ProblemSeverity.Error)]));
        }

        return new AppDefinitionReadResult(sourceName, definitions, Place(pending, utf8, sourceName), recordCount, prefixes);
    }

    private static List<DefinitionProblem> Place(List<PendingProblem> pending, ReadOnlyMemory<byte> utf8, string? sourceName)
    {
        var problems = new List<DefinitionProblem>();
        if (pending.Count == 0)
        {
            return problems;
        }

        var targets = new List<object[]>();
        foreach (var p in pending)
        {
            foreach (var r in p.Problems)
            {
                var segments = r.Path.Segments();
                var full = new object[p.Prefix.Length + segments.Length];
                p.Prefix.CopyTo(full, 0);
                segments.CopyTo(full, p.Prefix.Length);
                targets.Add(full);
            }
        }

        var locator = new JsonLocator(utf8);
        var offsets = locator.Offsets(targets);
        var k = 0;
        foreach (var p in pending)
        {
            foreach (var r in p.Problems)
            {
                var (line, column) = locator.LineColumn(offsets[k++]);
                problems.Add(new DefinitionProblem(sourceName, line, column, r.Path.ToString(), r.Value, r.Message, r.Severity, p.AppName, p.Index));
            }
        }

        // In file order, as a compiler would list them (stable: problems at one position keep the rule order).
        return [.. problems.OrderBy(p => p.Line).ThenBy(p => p.Column)];
    }

    private sealed record PendingProblem(object[] Prefix, int? Index, string? AppName, List<RawProblem> Problems);
}
