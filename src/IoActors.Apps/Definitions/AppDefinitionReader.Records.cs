using System.Runtime.InteropServices;
using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <content>Reading the records of one parsed input and placing their problems.</content>
public static partial class AppDefinitionReader
{
    private static AppDefinitionReadResult Read(JsonElement root, ReadOnlyMemory<byte> utf8, string? sourceName, StoreKind kind, AppDefinitionOverrides? overrides, List<JsonInputIssue>? issues)
    {
        var pending = new List<PendingProblem>();
        var definitions = new List<AppDefinition>(root.ValueKind == JsonValueKind.Array ? root.GetArrayLength() : 0);
        var prefixes = new List<object[]>();
        var names = new AppNameIndex<int>(root.ValueKind == JsonValueKind.Array ? root.GetArrayLength() : 0);
        var recordCount = 0;
        var locator = new JsonLocator(utf8);
        var careful = issues is not null && issues.Exists(i => i.IsError);
        var recordIssues = new IssuesByRecord(issues);

        // One list for the records' problems in turn (most have none); a record with problems keeps a copy.
        var raw = new List<RawProblem>();

        void ReadRecord(JsonElement record, object[] prefix, int? index)
        {
            recordCount++;
            raw.Clear();
            string? appName = null;
            if (record.ValueKind != JsonValueKind.Object)
            {
                raw.Add(new RawProblem(JsonPath.Root, DefinitionValidator.Show(record), $"an app definition must be an object, not {record.ValueKind.ToString().ToLowerInvariant()}", ProblemSeverity.Error));
                if (recordIssues.Any)
                {
                    raw.AddRange(recordIssues.Take(index, prefix.Length, locator));
                }

                pending.Add(new PendingProblem(prefix, index, appName, [.. raw]));
                return;
            }

            if (recordIssues.Any)
            {
                var textProblems = recordIssues.Take(index, prefix.Length, locator);
                if (textProblems.Exists(p => p.Severity == ProblemSeverity.Error))
                {
                    // Nothing may read this record: a string in it would throw when read, written or compared.
                    pending.Add(new PendingProblem(prefix, index, SafeName(record), textProblems));
                    return;
                }

                if (textProblems.Count > 0)
                {
                    // Only duplicate keys are left: the record becomes what the warnings say is used (the last of each).
                    raw.AddRange(textProblems);
                    record = JsonInputCheck.WithoutShadowedKeys(record);
                }
            }

            JsonElement json;
            if (Fdc3Converter.IsFdc3(record))
            {
                appName = AppDefinition.ReadString(record, "name") ?? AppDefinition.ReadString(record, "appId");
                if (Fdc3Converter.Convert(record, raw) is not { } converted)
                {
                    pending.Add(new PendingProblem(prefix, index, appName, [.. raw]));
                    return;
                }

                json = converted;
            }
            else
            {
                // Not copied yet: only an accepted definition gets its own copy (or its normalized text).
                json = record;
            }

            if (overrides is null)
            {
                // One pass validates and reads what the definition and its normalization need (name, type, the fixes).
                DefinitionValidator.Validate(json, kind, raw, out var facts);
                appName = facts.Name.Length > 0 ? facts.Name : null;
                if (Accept(facts.Name))
                {
                    var owned = facts.FixAutoStart || facts.FixHidden || facts.FixRunPriority
                        ? AppDefinitionNormalizer.Fixed(json, facts.FixAutoStart, facts.FixHidden, facts.FixRunPriority)
                        : json.Clone();
                    definitions.Add(AppDefinition.Create(owned, sourceName, kind, facts.Name, facts.TypeName));
                    prefixes.Add(prefix);
                }
            }
            else
            {
                var definition = AppDefinition.Create(json.Clone(), sourceName, null);
                appName = definition.Name.Length > 0 ? definition.Name : null;
                definition = overrides.Apply(definition);
                raw.AddRange(DefinitionValidator.Validate(definition.Json, kind));
                if (Accept(definition.Name))
                {
                    definitions.Add(AppDefinitionNormalizer.Normalize(definition, kind));
                    prefixes.Add(prefix);
                }
            }

            if (raw.Count > 0)
            {
                pending.Add(new PendingProblem(prefix, index, appName, [.. raw]));
            }

            // Whether a definition without errors so far keeps its name (a later duplicate is rejected); records the name when it does.
            bool Accept(string name)
            {
                var ok = !raw.Exists(p => p.Severity == ProblemSeverity.Error);
                if (ok && names.Find(name) is { } clash)
                {
                    raw.Add(new RawProblem(JsonPath.Root.Property("name"), $"\"{name}\"",
                        clash.Message(name, index is not null ? $" at index {clash.First}" : string.Empty), clash.Severity));
                    ok = clash.Severity != ProblemSeverity.Error;
                }

                if (ok)
                {
                    names.Add(name, index ?? 0);
                }

                return ok;
            }
        }

        if (root.ValueKind == JsonValueKind.Array)
        {
            recordIssues.RecordDepth = 1;
            var i = 0;
            foreach (var item in root.EnumerateArray())
            {
                ReadRecord(item, [i], i);
                i++;
            }
        }
        else if (root.ValueKind == JsonValueKind.Object && TryGetProperty(root, "applications", careful, out var apps) && apps.ValueKind == JsonValueKind.Array
                 && !TryGetProperty(root, "name", careful, out _) && !TryGetProperty(root, "type", careful, out _))
        {
            recordIssues.RecordDepth = 2;
            var i = 0;
            foreach (var item in apps.EnumerateArray())
            {
                ReadRecord(item, ["applications", i], i);
                i++;
            }
        }
        else if (root.ValueKind == JsonValueKind.Object)
        {
            recordIssues.RecordDepth = 0;
            ReadRecord(root, [], null);
        }
        else
        {
            pending.Add(new PendingProblem([], null, null,
                [new RawProblem(JsonPath.Root, DefinitionValidator.Show(root), $"expected an app definition object, an array of them or {{\"applications\": [...]}}, not {root.ValueKind.ToString().ToLowerInvariant()}", ProblemSeverity.Error)]));
        }

        // What lies outside every record (the wrapper of a store response, a root that is no record at all).
        if (recordIssues.Rest(locator) is { Count: > 0 } rest)
        {
            pending.Add(new PendingProblem([], null, null, rest));
        }

        return new AppDefinitionReadResult(sourceName, definitions, Place(pending, locator, sourceName), recordCount, prefixes);
    }

    /// <summary>The record's name when it is a string that can be read, else <see langword="null"/> (never throws).</summary>
    private static string? SafeName(JsonElement record) =>
        TryGetProperty(record, "name", careful: true, out var name) ? JsonStrings.TryGetString(name) : null;

    /// <summary><see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>, but when <paramref name="careful"/> it skips names that cannot be read instead of throwing on them.</summary>
    private static bool TryGetProperty(JsonElement obj, string name, bool careful, out JsonElement value)
    {
        if (!careful)
        {
            return obj.TryGetProperty(name, out value);
        }

        value = default;
        var found = false;
        foreach (var property in obj.EnumerateObject())
        {
            if (JsonStrings.Problem(JsonMarshal.GetRawUtf8PropertyName(property)) is null && property.NameEquals(name))
            {
                // The last one wins, as with TryGetProperty.
                value = property.Value;
                found = true;
            }
        }

        return found;
    }

    private static List<DefinitionProblem> Place(List<PendingProblem> pending, JsonLocator locator, string? sourceName)
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
                if (r.Offset >= 0)
                {
                    continue;
                }

                var segments = r.Path.Segments();
                var full = new object[p.Prefix.Length + segments.Length];
                p.Prefix.CopyTo(full, 0);
                segments.CopyTo(full, p.Prefix.Length);
                targets.Add(full);
            }
        }

        var offsets = locator.Offsets(targets);
        var k = 0;
        foreach (var p in pending)
        {
            foreach (var r in p.Problems)
            {
                var (line, column) = locator.LineColumn(r.Offset >= 0 ? r.Offset : offsets[k++]);
                problems.Add(new DefinitionProblem(sourceName, line, column, r.Path.ToString(), r.Value, r.Message, r.Severity, p.AppName, p.Index));
            }
        }

        // In file order, as a compiler would list them (stable: problems at one position keep the rule order).
        return [.. problems.OrderBy(p => p.Line).ThenBy(p => p.Column)];
    }

    private sealed record PendingProblem(object[] Prefix, int? Index, string? AppName, List<RawProblem> Problems);

    /// <summary>The input issues grouped by the record they fall in, handed out as problems relative to that record.</summary>
    private sealed class IssuesByRecord
    {
        private readonly List<JsonInputIssue>? _issues;
        private readonly bool[] _taken;
        private Dictionary<int, List<int>>? _byIndex;

        public IssuesByRecord(List<JsonInputIssue>? issues)
        {
            _issues = issues;
            _taken = new bool[issues?.Count ?? 0];
        }

        /// <summary>Whether the input has any issue at all.</summary>
        public bool Any => _issues is not null;

        /// <summary>How many path segments lead to a record: 1 in an array, 2 in <c>{"applications": [...]}</c>, 0 for a single definition.</summary>
        public int RecordDepth { get; set; }

        /// <summary>The problems of the record at <paramref name="index"/> (a single definition: <see langword="null"/>), with paths relative to it.</summary>
        public List<RawProblem> Take(int? index, int prefixLength, JsonLocator locator)
        {
            var result = new List<RawProblem>();
            if (_issues is null)
            {
                return result;
            }

            if (index is null)
            {
                for (var i = 0; i < _issues.Count; i++)
                {
                    if (!_taken[i] && RecordDepth == 0)
                    {
                        _taken[i] = true;
                        result.Add(ToProblem(_issues[i], prefixLength, locator));
                    }
                }

                return result;
            }

            _byIndex ??= Group();
            if (_byIndex.TryGetValue(index.Value, out var mine))
            {
                foreach (var i in mine)
                {
                    _taken[i] = true;
                    result.Add(ToProblem(_issues[i], prefixLength, locator));
                }
            }

            return result;
        }

        /// <summary>The problems of every issue no record took, with paths from the root.</summary>
        public List<RawProblem>? Rest(JsonLocator locator)
        {
            if (_issues is null)
            {
                return null;
            }

            var rest = new List<RawProblem>();
            for (var i = 0; i < _issues.Count; i++)
            {
                if (!_taken[i])
                {
                    rest.Add(ToProblem(_issues[i], 0, locator));
                }
            }

            return rest;
        }

        private Dictionary<int, List<int>> Group()
        {
            var groups = new Dictionary<int, List<int>>();
            for (var i = 0; i < _issues!.Count; i++)
            {
                var path = _issues[i].Path;
                var inRecord = RecordDepth switch
                {
                    1 => path.Length >= 1,
                    2 => path.Length >= 2 && path[0] is "applications",
                    _ => false,
                };
                if (inRecord && path[RecordDepth - 1] is int index)
                {
                    if (!groups.TryGetValue(index, out var list))
                    {
                        groups[index] = list = [];
                    }

                    list.Add(i);
                }
            }

            return groups;
        }

        private static RawProblem ToProblem(JsonInputIssue issue, int prefixLength, JsonLocator locator)
        {
            return new RawProblem(JsonPath.Of(issue.Path, prefixLength), issue.Raw, issue.Message(offset => locator.LineColumn(offset).Line), issue.IsError ? ProblemSeverity.Error : ProblemSeverity.Warning, issue.Offset);
        }
    }
}
