namespace IoActors.Benchmarks.Persistence;

/// <summary>A small event, like the ones the platform persists (an id, a kind and a counter).</summary>
public sealed record BenchEvent(string InstanceId, string Kind, int Counter);
