using Xunit;

namespace IoActors.Testing;

/// <summary>
/// PostgreSQL for the tests, once per test run: IOACTORS_POSTGRES_CONNECTION when set, otherwise a throwaway server
/// started from the installed binaries and stopped (and deleted) at the end. When neither works the tests skip
/// with the reason, unless IOACTORS_REQUIRE_POSTGRES=1, in which case they fail.
/// </summary>
public sealed class PostgreSqlFixture : IAsyncLifetime
{
    /// <summary>The name of the test collection that shares the fixture (each test assembly defines it).</summary>
    public const string CollectionName = "PostgreSql";

    public const string ConnectionVariable = "IOACTORS_POSTGRES_CONNECTION";
    public const string RequireVariable = "IOACTORS_REQUIRE_POSTGRES";

    private ThrowawayPostgreSqlServer? _server;

    /// <summary>The connection string, or null when PostgreSQL is unavailable.</summary>
    public string? ConnectionString { get; private set; }

    /// <summary>Why PostgreSQL is unavailable, or null.</summary>
    public string? UnavailableReason { get; private set; }

    /// <summary>Where the database came from, for diagnostics.</summary>
    public string Source { get; private set; } = "";

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            Source = ConnectionVariable;
            return;
        }

        try
        {
            _server = await ThrowawayPostgreSqlServer.StartAsync(TimeSpan.FromSeconds(120));
            ConnectionString = _server.ConnectionString;
            Source = $"throwaway server on 127.0.0.1:{_server.Port}";
        }
        catch (PostgreSqlUnavailableException e)
        {
            UnavailableReason = e.Message;
        }
    }

    /// <summary>The connection string; otherwise skips the test (or fails it when PostgreSQL is required).</summary>
    public string RequireConnectionString()
    {
        if (ConnectionString is not null)
        {
            return ConnectionString;
        }

        if (Required)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is required ({RequireVariable}=1) but unavailable: {UnavailableReason}");
        }

        throw new SkipTestException($"PostgreSQL unavailable (set {ConnectionVariable} or install the server binaries): {UnavailableReason}");
    }

    /// <summary>
    /// A connection string to a new, empty database on the same server (for tests that need tables of their own);
    /// otherwise skips the test (or fails it when PostgreSQL is required).
    /// </summary>
    public string CreateDatabase() => CreateDatabase(RequireConnectionString());

    /// <summary>Creates a new, empty database on the server of <paramref name="connectionString"/>; answers its connection string.</summary>
    public static string CreateDatabase(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var name = "ioactors_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            connection.Open();
            using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        builder.Database = name;
        return builder.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
