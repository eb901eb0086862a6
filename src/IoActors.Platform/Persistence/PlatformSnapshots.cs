using IoActors.Platform.Boot;
using IoActors.Platform.Hosting;

namespace IoActors.Platform.Persistence;

/// <summary>The snapshot of the instance history: the kept window of entries, oldest first.</summary>
/// <param name="Entries">The entries.</param>
internal sealed record InstanceHistorySnapshot(IReadOnlyList<InstanceHistoryEntry> Entries);

/// <summary>The snapshot of the boot reports: the kept window of reports, oldest first.</summary>
/// <param name="Reports">The reports.</param>
internal sealed record BootReportsSnapshot(IReadOnlyList<BootReport> Reports);

/// <summary>
/// An event of the previous journal whose type the import does not know (or whose JSON no longer fits it): kept as it
/// was stored, so nothing is lost, under its old persistence id and sequence number.
/// </summary>
/// <param name="Manifest">The previous journal's manifest (a type name).</param>
/// <param name="Json">The stored JSON text.</param>
internal sealed record LegacyJournalEntry(string Manifest, string Json);

/// <summary>
/// Stands for events the previous journal had deleted when it kept a higher sequence number than any event left: written
/// at that number and deleted at once, so numbering continues after it. Never replayed.
/// </summary>
internal sealed record LegacyDeletedEvents;
