namespace IoActors.Platform.Events;

/// <summary>An <see cref="EventSubscription{T}"/> with <see cref="OverflowPolicy.Disconnect"/> fell behind by more than its capacity and was ended.</summary>
public sealed class EventStreamOverflowException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="eventType">The subscribed event type.</param>
    /// <param name="capacity">The buffer capacity that was exceeded.</param>
    public EventStreamOverflowException(Type eventType, int capacity)
        : base($"The event-stream subscription to {eventType.Name} was disconnected: its reader fell behind by more than {capacity} events.")
    {
        EventType = eventType;
        Capacity = capacity;
    }

    /// <summary>The subscribed event type.</summary>
    public Type EventType { get; }

    /// <summary>The buffer capacity that was exceeded.</summary>
    public int Capacity { get; }
}
