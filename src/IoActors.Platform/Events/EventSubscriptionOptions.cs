namespace IoActors.Platform.Events;

/// <summary>Settings of an <see cref="EventSubscription{T}"/>.</summary>
public sealed class EventSubscriptionOptions
{
    /// <summary>The maximum number of buffered, unread events; at least 1. The default is 1024.</summary>
    public int Capacity { get; init; } = 1024;

    /// <summary>What happens when the buffer is full. The default is <see cref="Events.OverflowPolicy.DropOldest"/>.</summary>
    public OverflowPolicy OverflowPolicy { get; init; } = OverflowPolicy.DropOldest;

    /// <summary>Checks every setting and reports all problems at once.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names field, value and rule.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (Capacity < 1)
        {
            problems.Add($"Capacity: {Capacity} is invalid; it must be at least 1.");
        }

        if (!Enum.IsDefined(OverflowPolicy))
        {
            problems.Add($"OverflowPolicy: {(int)OverflowPolicy} is not a defined policy (DropOldest, DropNewest, Disconnect).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid EventSubscriptionOptions: " + string.Join(" ", problems));
        }
    }
}
