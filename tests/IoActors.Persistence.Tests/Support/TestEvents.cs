namespace IoActors.Persistence.Tests.Support;

/// <summary>An event as the specs write them: a name and a number.</summary>
public sealed record TestEvent(string Name, int Number);

/// <summary>Snapshot state as the specs save it.</summary>
public sealed record TestState(string Name, IReadOnlyList<int> Values);

/// <summary>An event that System.Text.Json refuses to serialize (it holds a <see cref="System.Type"/>).</summary>
public sealed record UnserializableEvent(Type Type);
