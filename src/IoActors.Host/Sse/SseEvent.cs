namespace IoActors.Host.Sse;

/// <summary>One numbered server-sent event.</summary>
/// <param name="Id">The event ID (consecutive from 1 for this host process).</param>
/// <param name="Type">The event type, e.g. InstanceStarted.</param>
/// <param name="Data">The event as JSON: an object whose first member, <c>time</c>, is when the hub published it.</param>
/// <param name="Bytes">The UTF-8 length of <paramref name="Data"/>, what the event weighs in the buffers.</param>
internal sealed record SseEvent(long Id, string Type, string Data, int Bytes);
