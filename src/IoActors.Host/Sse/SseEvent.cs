namespace IoActors.Host.Sse;

/// <summary>One numbered server-sent event.</summary>
/// <param name="Id">The event ID (consecutive from 1 for this host process).</param>
/// <param name="Type">The event type, e.g. InstanceStarted.</param>
/// <param name="Data">The event as JSON.</param>
internal sealed record SseEvent(long Id, string Type, string Data);
