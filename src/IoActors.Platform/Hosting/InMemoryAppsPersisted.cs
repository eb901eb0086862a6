namespace IoActors.Platform.Hosting;

/// <summary>The journal event of the in-memory store: its whole set of definitions (raw JSON) after a change.</summary>
/// <param name="Definitions">Each definition's JSON text.</param>
internal sealed record InMemoryAppsPersisted(IReadOnlyList<string> Definitions);
