namespace IoActors.Apps.Definitions;

/// <summary>How bad a definition problem is.</summary>
public enum ProblemSeverity
{
    /// <summary>The definition is rejected.</summary>
    Error = 0,

    /// <summary>The definition is accepted, but something in it does nothing or is overridden.</summary>
    Warning,
}
