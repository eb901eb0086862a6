using System.Text.Json;

namespace IoActors.Platform.Layouts;

/// <summary>
/// Reads layouts given as JSON (an import, the HTTP API, a file written by <c>export</c>): io.Connect's layout objects
/// (<c>name</c>, <c>type</c>, <c>components</c> of <c>{type, application, state}</c>, <c>context</c>, <c>metadata</c>,
/// <c>version</c>), with PascalCase member names accepted as the platform sends them. Every problem names the layout's
/// index, the member and the value.
/// </summary>
internal static class LayoutReader
{
    public static IReadOnlyList<PlatformLayout> ReadMany(JsonElement layouts, DateTimeOffset now)
    {
        if (layouts.ValueKind != JsonValueKind.Array)
        {
            throw new LayoutException($"layouts: must be an array of layouts, not {Kind(layouts)}.");
        }

        var result = new List<PlatformLayout>();
        var problems = new List<string>();
        var i = 0;
        foreach (var item in layouts.EnumerateArray())
        {
            try
            {
                result.Add(Read(item, $"layouts[{i}]", now));
            }
            catch (LayoutException e)
            {
                problems.Add(e.Message);
            }

            i++;
        }

        if (problems.Count > 0)
        {
            throw new LayoutException("Invalid layouts, nothing was imported: " + string.Join(" ", problems.Take(20)) + (problems.Count > 20 ? $" (and {problems.Count - 20} more)" : string.Empty));
        }

        return result;
    }

    public static PlatformLayout Read(JsonElement layout, string at, DateTimeOffset now)
    {
        if (layout.ValueKind != JsonValueKind.Object)
        {
            throw new LayoutException($"{at}: must be an object, not {Kind(layout)}.");
        }

        var name = RequiredString(layout, "name", at);
        var type = Member(layout, "type") is { } t
            ? t.ValueKind == JsonValueKind.String && LayoutTypes.All.Contains(t.GetString()) ? t.GetString()! : throw new LayoutException($"{at} ('{name}').type: {t.GetRawText()} is not a layout type (one of {string.Join(", ", LayoutTypes.All)}).")
            : LayoutTypes.Global;
        var components = new List<LayoutComponent>();
        if (Member(layout, "components") is { } list)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new LayoutException($"{at} ('{name}').components: must be an array, not {Kind(list)}.");
            }

            var j = 0;
            foreach (var component in list.EnumerateArray())
            {
                var where = $"{at} ('{name}').components[{j++}]";
                if (component.ValueKind != JsonValueKind.Object)
                {
                    throw new LayoutException($"{where}: must be an object, not {Kind(component)}.");
                }

                var state = Member(component, "state") is { } s ? (s.ValueKind == JsonValueKind.Object ? s.Clone() : throw new LayoutException($"{where}.state: must be an object, not {Kind(s)}.")) : EmptyObject();
                components.Add(new LayoutComponent(OptionalString(component, "type", where) ?? "window", RequiredString(component, "application", where), state));
            }
        }

        var version = Member(layout, "version") is { } v ? (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : throw new LayoutException($"{at} ('{name}').version: {v.GetRawText()} is not an integer.")) : 1;
        return new PlatformLayout(name, type, components, ObjectOrEmpty(layout, "context", $"{at} ('{name}')"), ObjectOrEmpty(layout, "metadata", $"{at} ('{name}')"), version, now);
    }

    public static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    public static JsonElement ObjectOrEmpty(JsonElement owner, string name, string at) => Member(owner, name) switch
    {
        null => EmptyObject(),
        { ValueKind: JsonValueKind.Null } => EmptyObject(),
        { ValueKind: JsonValueKind.Object } o => o.Clone(),
        { } other => throw new LayoutException($"{at}.{name}: must be an object, not {Kind(other)}."),
    };

    private static string RequiredString(JsonElement owner, string name, string at) =>
        OptionalString(owner, name, at) is { } text && !string.IsNullOrWhiteSpace(text) ? text : throw new LayoutException($"{at}.{name}: is required (a non-blank string).");

    private static string? OptionalString(JsonElement owner, string name, string at) => Member(owner, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { } other => throw new LayoutException($"{at}.{name}: must be a string, not {other.GetRawText()}."),
    };

    // io.Connect Desktop sends layouts with PascalCase members (the client lower-cases them): either spelling is read.
    private static JsonElement? Member(JsonElement owner, string name)
    {
        if (owner.TryGetProperty(name, out var value))
        {
            return value;
        }

        return owner.TryGetProperty(char.ToUpperInvariant(name[0]) + name[1..], out value) ? value : null;
    }

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();
}
