using Akka.Configuration;
using FluentAssertions;
using IoActors.Platform.Configuration;
using IoActors.Platform.Persistence.Tests.Support;
using IoActors.Testing;
using Xunit;

namespace IoActors.Platform.Persistence.Tests.Configuration;

public sealed class PlatformPersistenceConfigTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Create_DefaultSqlite_ConfiguresTheSqlPluginsOnTheFileInTheDataFolder()
    {
        var config = PlatformPersistenceConfig.Create(SpecDatabase.Sqlite(_folder));

        config.GetString("akka.persistence.journal.plugin").Should().Be("akka.persistence.journal.sql");
        config.GetString("akka.persistence.snapshot-store.plugin").Should().Be("akka.persistence.snapshot-store.sql");
        var file = Path.Combine(_folder.Path, "data", "ioactors.db");
        foreach (var plugin in new[] { "journal.sql", "snapshot-store.sql", "query.journal.sql" })
        {
            config.GetString($"akka.persistence.{plugin}.connection-string").Should().Contain($"Data Source={file}");
            config.GetString($"akka.persistence.{plugin}.provider-name").Should().Be("SQLite.MS");
            config.GetString($"akka.persistence.{plugin}.table-mapping").Should().Be("default");
        }

        config.GetBoolean("akka.persistence.journal.sql.auto-initialize").Should().BeTrue();
        config.GetBoolean("akka.persistence.snapshot-store.sql.auto-initialize").Should().BeTrue();
        config.GetString("akka.persistence.journal.sql.tag-write-mode").Should().Be("Csv");
        config.GetString("akka.persistence.query.journal.sql.tag-read-mode").Should().Be("Csv");
        config.GetString("akka.persistence.journal.sql.class").Should().Contain("SqlWriteJournal", "Akka.Persistence.Sql's defaults are the fallback");
    }

    [Fact]
    public void Create_PostgreSql_UsesThePostgreSqlProvider()
    {
        var config = PlatformPersistenceConfig.Create(SpecDatabase.PostgreSql("Host=db.example;Database=ioactors;Username=ioactors"));

        config.GetString("akka.persistence.journal.sql.provider-name").Should().Be("PostgreSQL.15");
        config.GetString("akka.persistence.journal.sql.connection-string").Should().Contain("Host=db.example");
    }

    [Fact]
    public void Create_PlatformTypes_AreBoundToThePlatformSerializer()
    {
        var config = PlatformPersistenceConfig.Create(SpecDatabase.Sqlite(_folder));

        config.GetString("akka.actor.serializers.ioactors-json").Should().Be("IoActors.Platform.Persistence.PlatformEventSerializer, IoActors.Platform");
        var bindings = config.GetConfig("akka.actor.serialization-bindings").AsEnumerable().ToDictionary(p => p.Key, p => p.Value.GetString());
        bindings.Should().Contain("IoActors.Platform.Hosting.InstanceHistoryEntry, IoActors.Platform", "ioactors-json")
            .And.Contain("IoActors.Platform.Hosting.InMemoryAppsPersisted, IoActors.Platform", "ioactors-json")
            .And.Contain("IoActors.Platform.Hosting.RemoteStoreCachePersisted, IoActors.Platform", "ioactors-json")
            .And.Contain("IoActors.Platform.Boot.BootReport, IoActors.Platform", "ioactors-json");
    }

    [Theory]
    [InlineData("Host=db;Database=x;Username=u;Password='a\"b'")]
    [InlineData("Host=db;Database=x;Username=u;Password='${HOME} #not a comment // nor this'")]
    [InlineData("Host=db;Database=x;Username=u;Password='}{ ] [ = : , include \"other.conf\"'")]
    [InlineData("Host=db;Database=x;Username=u;Password='back\\\\slash\ttab'")]
    public void Render_HostileConnectionString_ReachesAkkaExactlyAsConfigured(string connectionString)
    {
        var expected = JournalDatabase.From(SpecDatabase.PostgreSql(connectionString)).ConnectionString;

        var config = ConfigurationFactory.ParseString(PlatformPersistenceConfig.Render(SpecDatabase.PostgreSql(connectionString)));

        config.GetString("akka.persistence.journal.sql.connection-string").Should().Be(expected);
        config.GetString("akka.persistence.snapshot-store.sql.connection-string").Should().Be(expected);
        config.GetString("akka.persistence.journal.sql.provider-name").Should().Be("PostgreSQL.15", "nothing in the value leaks into the keys around it");
    }

    [Fact]
    public void Render_SqliteFileWithQuotesAndDollars_ReachesAkkaExactly()
    {
        var options = SpecDatabase.Sqlite(_folder);
        options.IoActors.Persistence.ConnectionString = "Data Source=\"da\"\"ta ${x}/io\\actors.db\"";
        var expected = JournalDatabase.From(options).ConnectionString;

        var config = ConfigurationFactory.ParseString(PlatformPersistenceConfig.Render(options));

        config.GetString("akka.persistence.journal.sql.connection-string").Should().Be(expected);
        JournalDatabase.From(options).SqliteFile.Should().Be(Path.Combine(_folder.Path, "da\"ta ${x}/io\\actors.db"));
    }

    [Fact]
    public void From_RelativeSqliteFile_ResolvesAgainstTheConfigurationFolder()
    {
        var database = JournalDatabase.From(SpecDatabase.Sqlite(_folder));

        database.Provider.Should().Be(PersistenceProvider.Sqlite);
        database.SqliteFile.Should().Be(Path.Combine(_folder.Path, "data", "ioactors.db"));
    }

    [Theory]
    [InlineData("Data Source=:memory:", "in-memory")]
    [InlineData("Mode=Memory;Data Source=x", "in-memory")]
    [InlineData("Data Source=x.db;Mode=ReadOnly", "ReadOnly")]
    [InlineData("Data Source=x.db;Bogus Key=1", "not a valid SQLite connection string")]
    [InlineData("  ", "empty")]
    public void From_UnusableSqliteConnectionString_FailsNamingTheKeyAndTheProblem(string connectionString, string problem)
    {
        var options = SpecDatabase.Sqlite(_folder);
        options.IoActors.Persistence.ConnectionString = connectionString;

        var create = () => PlatformPersistenceConfig.Create(options);

        create.Should().Throw<InvalidOperationException>().Which.Message.Should().StartWith("ioactors.persistence.connectionString:").And.Contain(problem);
    }

    [Theory]
    [InlineData("Database=x;Username=u", "names no Host")]
    [InlineData("Host=db;Bogus Key=1", "not a valid PostgreSQL connection string")]
    public void From_UnusablePostgreSqlConnectionString_FailsNamingTheKeyAndTheProblem(string connectionString, string problem)
    {
        var create = () => PlatformPersistenceConfig.Create(SpecDatabase.PostgreSql(connectionString));

        create.Should().Throw<InvalidOperationException>().Which.Message.Should().StartWith("ioactors.persistence.connectionString:").And.Contain(problem);
    }
}
