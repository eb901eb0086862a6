namespace IoActors.Apps.Definitions;

/// <summary>A problem before it is placed in a file: the path is still structured so that it can be mapped to a line and column.</summary>
/// <param name="Path">The JSON path inside the definition.</param>
/// <param name="Value">The offending value as compact JSON, or <see langword="null"/>.</param>
/// <param name="Message">The rule that is broken.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Offset">The byte offset in the input when it is already known (problems of the JSON text itself); -1 to find it from <paramref name="Path"/>.</param>
internal sealed record RawProblem(JsonPath Path, string? Value, string Message, ProblemSeverity Severity, long Offset = -1);
