namespace IoActors.Apps.Definitions;

/// <summary>A problem before it is placed in a file: the path is still structured so that it can be mapped to a line and column.</summary>
internal sealed record RawProblem(JsonPath Path, string? Value, string Message, ProblemSeverity Severity);
