namespace IoActors.Platform.Events;

/// <summary>What an <see cref="EventSubscription{T}"/> does when its buffer is full.</summary>
public enum OverflowPolicy
{
    /// <summary>Drop the oldest buffered event to make room for the new one.</summary>
    DropOldest,

    /// <summary>Drop the new event.</summary>
    DropNewest,

    /// <summary>End the subscription: the reader completes with <see cref="EventStreamOverflowException"/>.</summary>
    Disconnect,
}
