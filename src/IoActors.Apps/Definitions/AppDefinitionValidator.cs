namespace IoActors.Apps.Definitions;

/// <summary>
/// Validates definitions against the documented constraints. Every problem is reported at once, each naming its JSON path,
/// the value and the rule; nothing here throws on bad input.
/// </summary>
public static class AppDefinitionValidator
{
    /// <summary>
    /// The longest app name, in characters: 256. Names must also be addressable as <c>/api/apps/{name}</c> and fit one log
    /// line: not <c>.</c> or <c>..</c>, and without <c>/</c> or control characters.
    /// </summary>
    public const int MaxNameLength = 256;

    /// <summary>Validates one definition.</summary>
    /// <param name="definition">The definition (before normalization).</param>
    /// <param name="kind">The kind of store it comes from (some boot-stage rules depend on it).</param>
    /// <returns>The problems; empty when the definition is valid. Line and column are 0 (use <see cref="AppDefinitionReader"/> to place problems in a file).</returns>
    public static IReadOnlyList<DefinitionProblem> Validate(AppDefinition definition, StoreKind kind = StoreKind.Regular)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var raw = DefinitionValidator.Validate(definition.Json, kind);
        var name = definition.Name.Length > 0 ? definition.Name : null;
        return raw.ConvertAll(p => new DefinitionProblem(definition.Source, 0, 0, p.Path.ToString(), p.Value, p.Message, p.Severity, name, null));
    }

    /// <summary>
    /// The store-level check: app names must be unique within a store. Every occurrence after the first of a name is an
    /// error; names that differ only in letter case are a warning.
    /// </summary>
    /// <param name="definitions">The store's definitions, in load order.</param>
    /// <returns>One problem (path <c>name</c>) per later occurrence.</returns>
    public static IReadOnlyList<DefinitionProblem> FindDuplicateNames(IEnumerable<AppDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var problems = new List<DefinitionProblem>();
        var index = new AppNameIndex<AppDefinition>();
        foreach (var definition in definitions)
        {
            if (definition.Name.Length == 0)
            {
                continue;
            }

            if (index.Find(definition.Name) is { } clash)
            {
                problems.Add(new DefinitionProblem(definition.Source, 0, 0, "name", $"\"{definition.Name}\"",
                    clash.Message(definition.Name, clash.First.Source is { } s ? $" in {s}" : string.Empty), clash.Severity, definition.Name, null));
                if (clash.Severity == ProblemSeverity.Error)
                {
                    continue;
                }
            }

            index.Add(definition.Name, definition);
        }

        return problems;
    }
}
