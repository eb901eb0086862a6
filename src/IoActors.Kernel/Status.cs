namespace IoActors.Kernel;

/// <summary>Conventional replies that report the outcome of an operation.</summary>
public static class Status
{
    /// <summary>The operation succeeded.</summary>
    /// <param name="State">An optional result.</param>
    public sealed record Success(object? State);

    /// <summary>The operation failed; an <c>Ask</c> whose reply is a failure faults with <paramref name="Cause"/>.</summary>
    /// <param name="Cause">Why it failed.</param>
    public sealed record Failure(Exception Cause);
}
