namespace IoActors.Apps.Definitions;

/// <summary>What reading one file or store response gave: the accepted definitions and every problem found.</summary>
public sealed class AppDefinitionReadResult
{
    internal AppDefinitionReadResult(string? source, IReadOnlyList<AppDefinition> definitions, IReadOnlyList<DefinitionProblem> problems, int recordCount, IReadOnlyList<object[]>? prefixes = null)
    {
        Source = source;
        Prefixes = prefixes ?? [];
        Definitions = definitions;
        Problems = problems;
        RecordCount = recordCount;
        foreach (var problem in problems)
        {
            if (problem.IsError)
            {
                ErrorCount++;
            }
            else
            {
                WarningCount++;
            }
        }
    }

    /// <summary>The file or store name the input came from, or <see langword="null"/>.</summary>
    public string? Source { get; }

    /// <summary>The accepted definitions (no errors; warnings allowed), overridden and normalized, in input order.</summary>
    public IReadOnlyList<AppDefinition> Definitions { get; }

    /// <summary>Every problem, in input order, each placed at a file line and column when the input was JSON.</summary>
    public IReadOnlyList<DefinitionProblem> Problems { get; }

    /// <summary>How many definition records the input held, accepted or not (0 when it could not be parsed).</summary>
    public int RecordCount { get; }

    /// <summary>The number of errors.</summary>
    public int ErrorCount { get; }

    /// <summary>The number of warnings.</summary>
    public int WarningCount { get; }

    /// <summary>For each accepted definition, the JSON path of its record in the input (parallel to <see cref="Definitions"/>).</summary>
    internal IReadOnlyList<object[]> Prefixes { get; }

    /// <summary>Whether any problem is an error (some record was rejected, or the input could not be read at all).</summary>
    public bool HasErrors => ErrorCount > 0;
}
