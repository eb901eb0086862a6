using FluentAssertions;
using IoActors.Persistence.Sql;
using IoActors.Persistence.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace IoActors.Persistence.Tests.Sql;

public sealed class SchemaTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public void SchemaScripts_EveryProvider_StartWithBootstrapAndAreNumberedInOrder(string provider)
    {
        var scripts = SchemaMigrator.LoadScripts(provider);

        scripts.Select(s => s.Version).Should().StartWith(0).And.BeInAscendingOrder().And.OnlyHaveUniqueItems();
        scripts.Should().HaveCountGreaterThan(1);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public void SchemaScripts_EveryScript_HasHeaderStatingOrderingConcurrencyAndIndexes(string provider)
    {
        foreach (var script in SchemaMigrator.LoadScripts(provider))
        {
            var header = string.Join('\n', script.Sql.Split('\n').TakeWhile(line => line.StartsWith("--", StringComparison.Ordinal)));
            header.Should().Contain("Ordering:", $"script {script.Version} of {provider} states its ordering")
                .And.Contain("Concurrency:", $"script {script.Version} of {provider} states its concurrency rule")
                .And.Contain("Indexes:", $"script {script.Version} of {provider} states its indexes");
        }
    }

    [Fact]
    public async Task Initialize_NewSqliteFile_CreatesTablesRecordsVersionAndUsesWal()
    {
        await using (var stores = Create())
        {
            await stores.InitializeAsync();
        }

        var file = Path.Combine(_folder.Path, PersistenceOptions.DefaultSqliteFileName);
        File.Exists(file).Should().BeTrue("the SQLite file lives in the data folder");
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        (await ScalarAsync(connection, "PRAGMA journal_mode")).Should().Be("wal");
        (await ScalarAsync(connection, "SELECT group_concat(version) FROM (SELECT version FROM schema_version ORDER BY version)")).Should().Be("1");
        (await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('event_journal', 'journal_metadata', 'snapshot_store')"))
            .Should().Be(3L);
    }

    [Fact]
    public async Task Initialize_ExistingSchema_AppliesNothingTwiceAndKeepsData()
    {
        await using (var first = Create())
        {
            await first.Journal.WriteAsync("p", [new PersistentRepr("p", 1, new TestEvent("a", 1))]);
        }

        await using var second = Create();
        await second.InitializeAsync();

        (await second.Journal.ReadHighestSequenceNrAsync("p")).Should().Be(1);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, PersistenceOptions.DefaultSqliteFileName)}");
        await connection.OpenAsync();
        (await ScalarAsync(connection, "SELECT count(*) FROM schema_version")).Should().Be(1L);
    }

    [Fact]
    public async Task Write_ConcurrentStoresOnSameFile_EverySequenceNrWrittenOnceAndConflictsReported()
    {
        await using var a = Create();
        await using var b = Create();
        var writers = new[] { a, b }.Select(stores => Task.Run(async () =>
        {
            var conflicts = 0;
            for (var seq = 1; seq <= 50; seq++)
            {
                try
                {
                    await stores.Journal.WriteAsync("shared", [new PersistentRepr("shared", seq, new TestEvent("e", seq))]);
                }
                catch (JournalWriteConflictException e) when (e.SequenceNr == seq)
                {
                    conflicts++;
                }
            }

            return conflicts;
        })).ToList();

        var conflicts = (await Task.WhenAll(writers)).Sum();

        conflicts.Should().Be(50, "each of the 50 sequence numbers is won by exactly one writer");
        var replayed = new List<PersistentRepr>();
        await a.Journal.ReplayAsync("shared", 1, long.MaxValue, long.MaxValue, replayed.Add);
        replayed.Select(r => r.SequenceNr).Should().Equal(Enumerable.Range(1, 50).Select(i => (long)i));
    }

    public void Dispose() => _folder.Dispose();

    private IPersistenceStores Create() => PersistenceFactory.Create(new PersistenceOptions { DataFolder = _folder.Path });

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
