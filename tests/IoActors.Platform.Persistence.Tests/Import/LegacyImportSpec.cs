using System.Data.Common;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using FluentAssertions;
using IoActors.Platform.Configuration;
using IoActors.Platform.Hosting;
using IoActors.Platform.Persistence.Tests.Support;
using IoActors.Testing;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Persistence.Tests.Import;

/// <summary>
/// The import of a database written by the previous journal: at first start its events and latest snapshots are
/// re-persisted through Akka's journal under the same persistence ids and sequence numbers, its tables are renamed to
/// legacy_*, a log line says so, and later starts import nothing. Each provider runs it on a database of its own.
/// </summary>
public abstract class LegacyImportSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const string SpecHocon = """
        akka.loglevel = INFO
        akka.test.single-expect-default = 30s
        akka.test.filter-leeway = 30s
        """;

    private readonly PersistenceProvider _oldProvider;

    protected LegacyImportSpec(PlatformOptions options, PersistenceProvider oldProvider, ITestOutputHelper output)
        : base(ConfigFor(options), output: output)
    {
        Options = options;
        _oldProvider = oldProvider;
    }

    protected PlatformOptions Options { get; }

    private JournalDatabase Database => JournalDatabase.From(Options);

    private static Config ConfigFor(PlatformOptions options) =>
        ConfigurationFactory.ParseString(SpecHocon).WithFallback(PlatformPersistenceConfig.Create(options));

    public async Task InitializeAsync()
    {
        if (Database.SqliteFile is { } file)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        }

        await PreviousJournalData.WriteAsync(_oldProvider, Database.ConnectionString);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task Start_PreviousJournal_ReplaysEveryEventThroughAkkaWithIdenticalPayloads()
    {
        await EventFilter.Info(contains: "Imported the previous journal: 10 events and 1 snapshots of 6 persistence ids")
            .ExpectOneAsync(() => PlatformPersistenceStartup.StartAsync(Sys, Options));

        var inMemory = await ReplayAsync(PreviousJournalData.InMemory);
        inMemory.Events.Select(e => e.SequenceNr).Should().Equal(2);
        inMemory.Events[0].Payload.Should().BeEquivalentTo(PreviousJournalData.InMemorySets[1], o => o.ComparingRecordsByMembers());

        var history = await ReplayAsync(PreviousJournalData.History);
        history.Events.Select(e => e.SequenceNr).Should().Equal(1, 2, 3, 4, 5);
        history.Events.Select(e => e.Payload).Should().Equal(PreviousJournalData.HistoryEntries);

        var boots = await ReplayAsync(PreviousJournalData.Boots);
        boots.Events.Select(e => e.SequenceNr).Should().Equal(1, 2);
        boots.Events.Select(e => e.Payload).Should().BeEquivalentTo(
            new[] { PreviousJournalData.Boot, PreviousJournalData.FailedBoot }, o => o.ComparingRecordsByMembers().WithStrictOrdering());

        (await ReplayAsync(PreviousJournalData.RemoteStore)).Events.Single().Payload.Should().Be(PreviousJournalData.Cache);

        var unknown = (await ReplayAsync(PreviousJournalData.Unknown)).Events.Single().Payload.Should().BeOfType<LegacyJournalEntry>().Subject;
        unknown.Manifest.Should().Be($"{typeof(NotAPlatformEvent).FullName}, {typeof(NotAPlatformEvent).Assembly.GetName().Name}");
        unknown.Json.Should().Be("""{"text":"kept","number":7}""");
    }

    [SkippableFact]
    public async Task Start_PreviousJournalWithDeletedEvents_KeepsItsHighestSequenceNumbers()
    {
        await PlatformPersistenceStartup.StartAsync(Sys, Options);

        var allDeleted = await ReplayAsync(PreviousJournalData.AllDeleted);
        allDeleted.Events.Should().BeEmpty();
        allDeleted.Highest.Should().Be(2, "the previous journal kept 2 after deleting everything");
        (await ReplayAsync(PreviousJournalData.InMemory)).Highest.Should().Be(2);
    }

    [SkippableFact]
    public async Task Start_PreviousJournalWithSnapshots_ImportsTheLatestSnapshot()
    {
        await PlatformPersistenceStartup.StartAsync(Sys, Options);

        var probe = CreateTestProbe();
        Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null)
            .Tell(new LoadSnapshot(PreviousJournalData.Boots, SnapshotSelectionCriteria.Latest, long.MaxValue), probe.Ref);
        var loaded = (await probe.ExpectMsgAsync<LoadSnapshotResult>()).Snapshot;

        loaded.Should().NotBeNull();
        loaded!.Metadata.SequenceNr.Should().Be(2);
        loaded.Metadata.Timestamp.Should().Be(PreviousJournalData.LatestSnapshotTime);
        loaded.Snapshot.Should().BeEquivalentTo(PreviousJournalData.FailedBoot, o => o.ComparingRecordsByMembers());
    }

    [SkippableFact]
    public async Task Start_PreviousJournal_RenamesItsTablesToLegacy()
    {
        await PlatformPersistenceStartup.StartAsync(Sys, Options);

        var tables = await TablesAsync();
        tables.Should().Contain(["legacy_event_journal", "legacy_journal_metadata", "legacy_snapshot_store", "legacy_schema_version", "legacy_import"]);
        tables.Should().NotContain(["event_journal", "snapshot_store", "schema_version"]);
        (await ScalarAsync("SELECT state FROM legacy_import")).Should().Be("done");
    }

    [SkippableFact]
    public async Task Start_Twice_SecondStartImportsNothing()
    {
        await PlatformPersistenceStartup.StartAsync(Sys, Options);
        var rows = await ScalarAsync("SELECT COUNT(*) FROM journal");
        var importedAt = await ScalarAsync("SELECT imported_at FROM legacy_import");

        var second = ActorSystem.Create("second", ConfigFor(Options));
        try
        {
            await PlatformPersistenceStartup.StartAsync(second, Options);
            (await LegacyJournalImport.RunAsync(second, Database, TimeProvider.System, CancellationToken.None)).Should().BeNull();
        }
        finally
        {
            await second.Terminate();
        }

        (await ScalarAsync("SELECT COUNT(*) FROM journal")).Should().Be(rows);
        (await ScalarAsync("SELECT imported_at FROM legacy_import")).Should().Be(importedAt);
        (await ReplayAsync(PreviousJournalData.History)).Events.Should().HaveCount(5);
    }

    [SkippableFact]
    public async Task Start_ImportInterruptedAfterSomeEvents_ResumesWithoutDuplicates()
    {
        // A first start renamed the tables and re-persisted two events before the process died.
        await using (var connection = Database.CreateConnection())
        {
            await connection.OpenAsync();
            (await new LegacyJournalTables(connection, Database.Provider).PrepareAsync(DateTimeOffset.UtcNow, CancellationToken.None))
                .Should().Be(LegacyImportState.Pending);
        }

        await new JournalClient(Sys).WriteAtomicallyAsync(
            PreviousJournalData.History,
            [(1, 0, PreviousJournalData.HistoryEntries[0]), (2, 0, PreviousJournalData.HistoryEntries[1])],
            CancellationToken.None);

        await EventFilter.Info(contains: "Imported the previous journal: 8 events")
            .ExpectOneAsync(() => PlatformPersistenceStartup.StartAsync(Sys, Options));

        var history = await ReplayAsync(PreviousJournalData.History);
        history.Events.Select(e => e.SequenceNr).Should().Equal(1, 2, 3, 4, 5);
        history.Events.Select(e => e.Payload).Should().Equal(PreviousJournalData.HistoryEntries);
    }

    private async Task<(List<IPersistentRepresentation> Events, long Highest)> ReplayAsync(string pid)
    {
        var probe = CreateTestProbe();
        Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null).Tell(new ReplayMessages(0, long.MaxValue, long.MaxValue, pid, probe.Ref));
        var events = new List<IPersistentRepresentation>();
        while (true)
        {
            switch (await probe.ExpectMsgAsync<object>())
            {
                case ReplayedMessage replayed:
                    events.Add(replayed.Persistent);
                    break;
                case RecoverySuccess success:
                    return (events, success.HighestSequenceNr);
                case var other:
                    throw new InvalidOperationException($"Replay of {pid} answered {other}");
            }
        }
    }

    private async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private async Task<List<string>> TablesAsync()
    {
        await using var connection = Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Database.Provider == PersistenceProvider.Postgresql
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            : "SELECT name FROM sqlite_master WHERE type = 'table'";
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}

/// <summary>The import on a SQLite data folder (the platform's default file).</summary>
public sealed class SqliteLegacyImportSpec : LegacyImportSpec
{
    private readonly TempFolder _folder;

    public SqliteLegacyImportSpec(ITestOutputHelper output)
        : this(new TempFolder(), output)
    {
    }

    private SqliteLegacyImportSpec(TempFolder folder, ITestOutputHelper output)
        : base(SpecDatabase.Sqlite(folder), PersistenceProvider.Sqlite, output)
    {
        _folder = folder;
    }

    [SkippableFact]
    public async Task Start_FreshDataFolder_CreatesAkkasTablesAndImportsNothing()
    {
        using var fresh = new TempFolder();
        var options = SpecDatabase.Sqlite(fresh);
        var system = ActorSystem.Create("fresh", PlatformPersistenceConfig.Create(options));
        try
        {
            await PlatformPersistenceStartup.StartAsync(system, options);
        }
        finally
        {
            await system.Terminate();
        }

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(JournalDatabase.From(options).ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)";
        ((string)(await command.ExecuteScalarAsync())!).Split(',').Should().Contain(["journal", "snapshot"]).And.NotContain(n => n.StartsWith("legacy_"));
        command.CommandText = "PRAGMA journal_mode";
        (await command.ExecuteScalarAsync()).Should().Be("wal");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _folder.Dispose();
        }
    }
}

/// <summary>The import on PostgreSQL: a database of its own per test (the previous journal's tables are per database).</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlLegacyImportSpec : LegacyImportSpec
{
    public PostgreSqlLegacyImportSpec(PostgreSqlFixture postgres, ITestOutputHelper output)
        : base(SpecDatabase.PostgreSql(postgres.CreateDatabase()), PersistenceProvider.Postgresql, output)
    {
    }
}
