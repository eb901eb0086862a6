using System.Runtime.InteropServices;
using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <content>The rules of top-level properties that stand on their own: the name, <c>restartPolicy</c>, and hints for misspelled keys.</content>
internal partial struct DefinitionValidator
{
    // The documented top-level keys a misspelled key is compared with.
    // Raw name's hash → its nearest documented name (see Nearest).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, (byte[] Raw, string? Best, int Distance)> NearestCache = new();

    private static readonly string[] TopLevelNames =
    [
        "name", "type", "title", "icon", "caption", "tooltip", "service", "autoStart", "hidden", "allowMultiple", "ignoreSavedLayout",
        "allowWorkspaceDrop", "keywords", "supportEmails", "customProperties", "asset", "assets", "runPriority", "details", "restartPolicy",
    ];

    /// <summary>
    /// Why <paramref name="name"/> cannot be an app name, or <see langword="null"/>: every app must be addressable as
    /// <c>/api/apps/{name}</c> and printable on one log line, so a name is 1 to <see cref="AppDefinitionValidator.MaxNameLength"/>
    /// characters, not <c>.</c> or <c>..</c>, and holds no <c>/</c> and no control character (nor U+2028/U+2029).
    /// </summary>
    internal static string? NameProblem(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "must not be empty";
        }

        if (name.Length > AppDefinitionValidator.MaxNameLength)
        {
            return $"is {name.Length} characters long; app names are at most {AppDefinitionValidator.MaxNameLength} characters";
        }

        if (name is "." or "..")
        {
            return $"\"{name}\" cannot be addressed as /api/apps/{name} (it is a path step); app names must not be \".\" or \"..\"";
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '/')
            {
                return $"contains \"/\" (at character {i + 1}); app names must not contain \"/\", so that every app can be addressed as /api/apps/{{name}}";
            }

            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                return $"contains the control character U+{(int)c:X4} (at character {i + 1}); app names must not contain control characters";
            }
        }

        return null;
    }

    private void ValidateRestartPolicy(JsonElement value, JsonPath path)
    {
        var before = _problems.Count;
        var policy = AppRestartPolicy.Read(value, path, _problems);
        if (policy is null || _problems.Count > before)
        {
            return;
        }

        // Offline there are no configured defaults: the documented ones stand in (the platform checks again with its own at start).
        foreach (var (p, message) in policy.EffectiveProblems(null, AppRestartPolicy.DefaultMaxRestarts, AppRestartPolicy.DefaultWithin, AppRestartPolicy.DefaultBackoff, AppRestartPolicy.DefaultMaxBackoff, path))
        {
            Error(p, p.Name is { } field && value.ValueKind == JsonValueKind.Object && value.TryGetProperty(field, out var written) ? (JsonElement?)written : null, message);
        }
    }

    /// <summary>Warns about an unknown top-level key that is a documented one in another letter case or with a typo (<c>autostart</c>, <c>titel</c>).</summary>
    private void SuggestTopLevel(JsonProperty property, JsonPath path)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.Length is < 3 or > 24)
        {
            return;
        }

        foreach (var b in raw)
        {
            if (b >= 0x80 || b == '\\')
            {
                return;
            }
        }

        var (best, bestDistance) = Nearest(raw);
        var allowed = raw.Length >= 8 ? 2 : raw.Length >= 4 ? 1 : 0;
        if (best is null || bestDistance > allowed)
        {
            return;
        }

        var name = property.Name;
        Warn(path.Property(name), null, string.Equals(name, best, StringComparison.OrdinalIgnoreCase)
            ? $"is not a documented property and is ignored; did you mean \"{best}\"? (property names are case-sensitive)"
            : $"is not a documented property and is ignored; did you mean \"{best}\"?");
    }

    /// <summary>
    /// The documented top-level name nearest to <paramref name="raw"/> and its distance. Stores repeat the same few unknown
    /// keys (<c>intents</c>, <c>version</c>) in thousands of definitions, so the answer is cached per name (bounded, like the regex cache).
    /// </summary>
    private static (string? Best, int Distance) Nearest(ReadOnlySpan<byte> raw)
    {
        var key = XxHash64.Hash(raw, (ulong)raw.Length);
        if (NearestCache.TryGetValue(key, out var cached) && raw.SequenceEqual(cached.Raw))
        {
            return (cached.Best, cached.Distance);
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in TopLevelNames)
        {
            if (Math.Abs(candidate.Length - raw.Length) > 2)
            {
                continue;
            }

            var distance = FoldedDistance(raw, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        if (NearestCache.Count > 4096)
        {
            NearestCache.Clear();
        }

        NearestCache[key] = (raw.ToArray(), best, bestDistance);
        return (best, bestDistance);
    }

    /// <summary>Edit distance (insertions, deletions, substitutions, adjacent transpositions) ignoring ASCII letter case.</summary>
    private static int FoldedDistance(ReadOnlySpan<byte> a, string b)
    {
        Span<int> previous2 = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var same = Fold(a[i - 1]) == Fold((byte)b[j - 1]);
                var cost = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (same ? 0 : 1));
                if (i > 1 && j > 1 && Fold(a[i - 1]) == Fold((byte)b[j - 2]) && Fold(a[i - 2]) == Fold((byte)b[j - 1]))
                {
                    cost = Math.Min(cost, previous2[j - 2] + 1);
                }

                current[j] = cost;
            }

            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];

        static int Fold(byte c) => c is >= (byte)'A' and <= (byte)'Z' ? c | 0x20 : c;
    }
}
