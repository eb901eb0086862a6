using IoActors.Platform.Configuration;
using IoActors.Testing;

namespace IoActors.Platform.Persistence.Tests.Support;

/// <summary>Platform configurations naming the databases the specs run on.</summary>
internal static class SpecDatabase
{
    /// <summary>SQLite: the platform's default connection string, relative to a fresh configuration folder.</summary>
    public static PlatformOptions Sqlite(TempFolder folder) => new()
    {
        ConfigFolder = folder.Path,
        IoActors = { Persistence = { Provider = PersistenceProvider.Sqlite, ConnectionString = "Data Source=data/ioactors.db" } },
    };

    /// <summary>PostgreSQL at <paramref name="connectionString"/>.</summary>
    public static PlatformOptions PostgreSql(string connectionString) => new()
    {
        IoActors = { Persistence = { Provider = PersistenceProvider.Postgresql, ConnectionString = connectionString } },
    };
}
