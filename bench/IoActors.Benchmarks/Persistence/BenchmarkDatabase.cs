using IoActors.Persistence;
using IoActors.Testing;

namespace IoActors.Benchmarks.Persistence;

/// <summary>
/// The database a persistence benchmark runs on: a fresh SQLite file under /tmp, or PostgreSQL from
/// IOACTORS_POSTGRES_CONNECTION or else a throwaway server started from the installed binaries.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly ThrowawayPostgreSqlServer? _server;

    private BenchmarkDatabase(IPersistenceStores stores, string? folder, ThrowawayPostgreSqlServer? server)
    {
        Stores = stores;
        _folder = folder;
        _server = server;
    }

    public IPersistenceStores Stores { get; }

    public static async Task<BenchmarkDatabase> CreateAsync(PersistenceProvider provider)
    {
        if (provider == PersistenceProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "ioactors-bench-" + Guid.NewGuid().ToString("N")[..12]);
            var sqlite = PersistenceFactory.Create(new PersistenceOptions { DataFolder = folder });
            await sqlite.InitializeAsync();
            return new BenchmarkDatabase(sqlite, folder, null);
        }

        var connectionString = Environment.GetEnvironmentVariable("IOACTORS_POSTGRES_CONNECTION");
        ThrowawayPostgreSqlServer? server = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            server = await ThrowawayPostgreSqlServer.StartAsync(TimeSpan.FromSeconds(120));
            connectionString = server.ConnectionString;
        }

        var postgres = PersistenceFactory.Create(new PersistenceOptions { Provider = PersistenceProvider.PostgreSql, ConnectionString = connectionString });
        await postgres.InitializeAsync();
        return new BenchmarkDatabase(postgres, null, server);
    }

    public async ValueTask DisposeAsync()
    {
        await Stores.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
