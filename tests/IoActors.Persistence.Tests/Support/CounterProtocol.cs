namespace IoActors.Persistence.Tests.Support;

/// <summary>Commands, events and replies of <see cref="CounterActor"/>.</summary>
public sealed record Add(string Value);

public sealed record AddMany(IReadOnlyList<string> Values);

public sealed record AddUnserializable;

public sealed record GetState;

public sealed record TakeSnapshot;

public sealed record DeleteUpTo(long ToSequenceNr);

public sealed record Crash;

public sealed record Added(string Value);

public sealed record Ack(string Value, long SequenceNr);

public sealed record CounterState(IReadOnlyList<string> Values, long LastSequenceNr);

public sealed record CounterSnapshot(IReadOnlyList<string> Values);

public sealed record SnapshotOffered(long SequenceNr, IReadOnlyList<string> Values);

public sealed record Recovered(IReadOnlyList<string> Values, long LastSequenceNr);
