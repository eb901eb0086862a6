using FluentAssertions;
using Xunit;

namespace IoActors.Persistence.Tests;

public sealed class PersistenceOptionsTests
{
    [Fact]
    public void Defaults_NoSettings_AreSqliteInThePlatformDataFolder()
    {
        var options = new PersistenceOptions();

        options.Provider.Should().Be(PersistenceProvider.Sqlite);
        options.ConnectionString.Should().BeNull();
        options.DataFolder.Should().EndWith("IoActors");
        options.BusyTimeout.Should().Be(TimeSpan.FromSeconds(30));
        options.Invoking(o => o.Validate()).Should().NotThrow();
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOneNamingFieldAndValue()
    {
        var options = new PersistenceOptions { Provider = PersistenceProvider.PostgreSql, BusyTimeout = TimeSpan.FromSeconds(-1) };

        var error = options.Invoking(o => o.Validate()).Should().Throw<ArgumentException>().Which;

        error.Message.Should().Contain("ConnectionString").And.Contain("PostgreSQL")
            .And.Contain("BusyTimeout").And.Contain("-00:00:01");
    }

    [Fact]
    public void Validate_UnknownProviderAndBadConnectionString_ReportsBoth()
    {
        var options = new PersistenceOptions { Provider = (PersistenceProvider)7, ConnectionString = "Bogus Keyword=1" };

        var error = options.Invoking(o => o.Validate()).Should().Throw<ArgumentException>().Which;

        error.Message.Should().Contain("Provider: value 7").And.Contain("ConnectionString: value is not a valid");
    }

    [Fact]
    public void Validate_InMemorySqlite_IsRejectedWithTheReason()
    {
        var options = new PersistenceOptions { ConnectionString = "Data Source=:memory:" };

        options.Invoking(o => o.Validate()).Should().Throw<ArgumentException>().WithMessage("*in-memory SQLite*needs a file*");
    }

    [Fact]
    public void Create_InvalidOptions_ThrowsBeforeTouchingAnyDatabase()
    {
        var create = () => PersistenceFactory.Create(new PersistenceOptions { Provider = PersistenceProvider.PostgreSql });

        create.Should().Throw<ArgumentException>().WithMessage("*ConnectionString*");
    }

    [Fact]
    public async Task Create_SqliteConnectionString_UsesThatFile()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "nested", "custom.db");

        await using (var stores = PersistenceFactory.Create(new PersistenceOptions { ConnectionString = $"Data Source={file}" }))
        {
            await stores.Journal.WriteAsync("p", [new PersistentRepr("p", 1, new Support.TestEvent("a", 1))]);
            stores.Provider.Should().Be(PersistenceProvider.Sqlite);
        }

        File.Exists(file).Should().BeTrue();
    }
}
