namespace IoActors.Kernel;

/// <summary>An actor name is invalid (empty, starts with '$', contains a character outside the allowed set) or already taken by a sibling.</summary>
public sealed class InvalidActorNameException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="actorName">The rejected name.</param>
    /// <param name="reason">Which rule it breaks.</param>
    public InvalidActorNameException(string actorName, string reason)
        : base($"Invalid actor name '{actorName}': {reason}", "name")
    {
        ActorName = actorName;
        Reason = reason;
    }

    /// <summary>The rejected name.</summary>
    public string ActorName { get; }

    /// <summary>Which rule the name breaks.</summary>
    public string Reason { get; }
}
