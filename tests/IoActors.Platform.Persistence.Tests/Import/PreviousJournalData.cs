using IoActors.Apps.Definitions;
using IoActors.Platform.Boot;
using IoActors.Platform.Configuration;
using IoActors.Platform.Hosting;

namespace IoActors.Platform.Persistence.Tests.Import;

/// <summary>
/// A database written by the previous journal (IoActors.Persistence, <see cref="LegacyJournalWriter"/>) the way the platform wrote it: the in-memory
/// store's sets (older ones deleted), the instance history, a boot report, a remote store's cache, an id whose events
/// were all deleted (only its highest sequence number kept), an event of a type the platform does not know, and
/// snapshots (the latest is imported).
/// </summary>
internal static class PreviousJournalData
{
    public const string InMemory = InMemoryStoreJournal.Id;
    public const string History = PlatformHistoryJournal.InstanceHistoryId;
    public const string Boots = PlatformHistoryJournal.BootReportsId;
    public const string AllDeleted = "ioactors-all-deleted";
    public const string Unknown = "ioactors-unknown";
    public static readonly string RemoteStore = RemoteStoreCacheJournal.PersistenceId("store-0");

    private static readonly DateTimeOffset s_at = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    public static readonly InMemoryAppsPersisted[] InMemorySets =
    [
        new(["""{"name":"notes","type":"exe","details":{"path":"notes.exe"}}"""]),
        new(["""{"name":"notes","type":"exe","details":{"path":"notes.exe"}}""", """{"name":"echo","type":"node","details":{"path":"echo.js"}}"""]),
    ];

    public static readonly InstanceHistoryEntry[] HistoryEntries =
    [
        new(InstanceHistoryKind.Started, "i-1", "notes", s_at, 0),
        new(InstanceHistoryKind.Restarting, "i-1", "notes", s_at.AddSeconds(1), 0, ExitCode: 3, Reason: "exited with code 3"),
        new(InstanceHistoryKind.Restarted, "i-1", "notes", s_at.AddSeconds(2), 1),
        new(InstanceHistoryKind.Stopped, "i-1", "notes", s_at.AddSeconds(3), 1, Signal: 15, Reason: "stopped by the user"),
        new(InstanceHistoryKind.StartFailed, "i-2", "echo", s_at.AddSeconds(4), 0, Reason: "node not found"),
    ];

    public static readonly BootReport Boot = new(
        1,
        s_at,
        s_at.AddMilliseconds(622),
        [new StageBootRecord(BootStage.Core, s_at, s_at.AddMilliseconds(300)), new StageBootRecord(BootStage.User, s_at.AddMilliseconds(300), s_at.AddMilliseconds(622))],
        [new AppBootRecord("core-heartbeat", "store-0", BootStage.Core, 100, InitializationWait.AppSignal, true, AppBootOutcome.Ready, "i-9", s_at, s_at.AddMilliseconds(10), s_at.AddMilliseconds(290))],
        new PlatformIdentity("jane", "login"),
        null);

    public static readonly BootReport FailedBoot = Boot with { Attempt = 2, Error = "core-heartbeat timed out", Identity = null };

    public static readonly RemoteStoreCachePersisted Cache = new("store-0-0123456789abcdef.json", """{"applications":[{"name":"remote-app"}]}""");

    /// <summary>Writes the data as the previous journal did into the database at <paramref name="connectionString"/>.</summary>
    public static async Task WriteAsync(PersistenceProvider provider, string connectionString)
    {
        await using var journal = await LegacyJournalWriter.CreateAsync(provider, connectionString);
        Task Write(string pid, long seq, object payload) => journal.WriteAsync(pid, seq, payload);

        await Write(InMemory, 1, InMemorySets[0]);
        await Write(InMemory, 2, InMemorySets[1]);
        await journal.DeleteToAsync(InMemory, 1);
        for (var i = 0; i < HistoryEntries.Length; i++)
        {
            await Write(History, i + 1, HistoryEntries[i]);
        }

        await Write(Boots, 1, Boot);
        await Write(Boots, 2, FailedBoot);
        await Write(RemoteStore, 1, Cache);
        await Write(AllDeleted, 1, HistoryEntries[0]);
        await Write(AllDeleted, 2, HistoryEntries[1]);
        await journal.DeleteToAsync(AllDeleted, long.MaxValue);
        await Write(Unknown, 1, new NotAPlatformEvent("kept", 7));
        await journal.SaveSnapshotAsync(Boots, 1, s_at, Boot);
        await journal.SaveSnapshotAsync(Boots, 2, s_at.AddMinutes(1), FailedBoot);
    }

    /// <summary>The timestamp of the latest snapshot written.</summary>
    public static DateTime LatestSnapshotTime => s_at.AddMinutes(1).UtcDateTime;
}

/// <summary>An event type the platform does not know (the previous journal stored any type by its CLR name).</summary>
public sealed record NotAPlatformEvent(string Text, int Number);
