using IoActors.Platform.Boot;

namespace IoActors.Platform.Hosting;

/// <summary>Asks the history actor for the latest instance history entries, oldest first; replies an <see cref="IReadOnlyList{T}"/> of <see cref="InstanceHistoryEntry"/>.</summary>
internal sealed record GetInstanceHistory(int Max, string? AppName, string? InstanceId);

/// <summary>Asks the history actor for the latest boot reports, oldest first; replies an <see cref="IReadOnlyList{T}"/> of <see cref="BootReport"/>.</summary>
internal sealed record GetPreviousBootReports(int Max);
