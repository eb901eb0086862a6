namespace IoActors.Apps.Definitions;

/// <summary>One problem found while reading or validating an app definition.</summary>
/// <param name="Source">The file or store the definition came from, or <see langword="null"/> when unknown.</param>
/// <param name="Line">The 1-based line in <paramref name="Source"/>, or 0 when unknown.</param>
/// <param name="Column">The 1-based column (in characters) in <paramref name="Source"/>, or 0 when unknown.</param>
/// <param name="Path">The JSON path inside the definition (e.g. <c>details.zoom.defaultFactor</c>); empty for the definition itself or the file.</param>
/// <param name="Value">The offending value as compact JSON (shortened), or <see langword="null"/> when the value is missing.</param>
/// <param name="Message">The rule that is broken, naming the value (e.g. <c>600 is outside 25..500</c>).</param>
/// <param name="Severity">Error (the definition is rejected) or warning.</param>
/// <param name="AppName">The name of the app the problem belongs to, when known.</param>
/// <param name="Index">The position of the definition in its file's array, or <see langword="null"/> for a single definition.</param>
public sealed record DefinitionProblem(
    string? Source,
    int Line,
    int Column,
    string Path,
    string? Value,
    string Message,
    ProblemSeverity Severity,
    string? AppName,
    int? Index)
{
    /// <summary>Whether this problem rejects its definition.</summary>
    public bool IsError => Severity == ProblemSeverity.Error;

    /// <summary>Formats the problem as <c>file:line:col: error|warning: path: message</c>, the compiler-style form editors understand.</summary>
    /// <returns>The formatted problem.</returns>
    public override string ToString()
    {
        var location = Source ?? "<input>";
        if (Line > 0)
        {
            location += $":{Line}:{Column}";
        }

        var severity = Severity == ProblemSeverity.Error ? "error" : "warning";
        return Path.Length == 0 ? $"{location}: {severity}: {Message}" : $"{location}: {severity}: {Path}: {Message}";
    }
}
