using System.Data.Common;
using IoActors.Platform.Configuration;
using LinqToDB;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IoActors.Platform.Persistence;

/// <summary>
/// The database behind Akka's journal and snapshot store, resolved from <c>ioactors.persistence</c>: a SQLite file (a
/// relative <c>Data Source</c> resolves against the configuration folder, like every configured path) or a PostgreSQL
/// server. Both hold the same tables (<c>journal</c>, <c>tags</c>, <c>snapshot</c>), created on first start.
/// </summary>
/// <param name="Provider">The database kind.</param>
/// <param name="ConnectionString">The ADO.NET connection string, with a SQLite path made absolute.</param>
/// <param name="SqliteFile">The SQLite file, or <see langword="null"/> for PostgreSQL.</param>
internal sealed record JournalDatabase(PersistenceProvider Provider, string ConnectionString, string? SqliteFile)
{
    private const string Key = "ioactors.persistence.connectionString";

    /// <summary>The linq2db provider Akka.Persistence.Sql talks through.</summary>
    public string LinqProviderName => Provider == PersistenceProvider.Postgresql ? ProviderName.PostgreSQL15 : ProviderName.SQLiteMS;

    /// <summary>Resolves the database from the platform configuration.</summary>
    /// <param name="configuration">The platform configuration.</param>
    /// <exception cref="InvalidOperationException">The provider or connection string is unusable; the message names the key and the problem.</exception>
    public static JournalDatabase From(PlatformOptions configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.IoActors.Persistence;
        var text = options.ConnectionString;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidOperationException($"{Key}: the value is empty; it must name the {Describe(options.Provider)} database.");
        }

        return options.Provider switch
        {
            PersistenceProvider.Sqlite => Sqlite(configuration, text),
            PersistenceProvider.Postgresql => PostgreSql(text),
            _ => throw new InvalidOperationException($"ioactors.persistence.provider: {options.Provider} must be sqlite or postgresql."),
        };
    }

    /// <summary>Creates (does not open) a connection to the database.</summary>
    public DbConnection CreateConnection() => Provider == PersistenceProvider.Postgresql
        ? new NpgsqlConnection(ConnectionString)
        : new SqliteConnection(ConnectionString);

    private static JournalDatabase Sqlite(PlatformOptions configuration, string text)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new InvalidOperationException($"{Key}: not a valid SQLite connection string ({e.Message}).", e);
        }

        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            throw new InvalidOperationException(
                $"{Key}: '{builder.DataSource}' is an in-memory SQLite database; the journal needs a file (e.g. Data Source=data/ioactors.db).");
        }

        if (builder.Mode == SqliteOpenMode.ReadOnly)
        {
            throw new InvalidOperationException($"{Key}: Mode=ReadOnly; the journal writes to its database.");
        }

        var file = configuration.ResolvePath(builder.DataSource);
        builder.DataSource = file;
        builder.Pooling = true;
        return new JournalDatabase(PersistenceProvider.Sqlite, builder.ConnectionString, file);
    }

    private static JournalDatabase PostgreSql(string text)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(text);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                throw new InvalidOperationException($"{Key}: the PostgreSQL connection string names no Host.");
            }

            return new JournalDatabase(PersistenceProvider.Postgresql, builder.ConnectionString, null);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new InvalidOperationException($"{Key}: not a valid PostgreSQL connection string ({e.Message}).", e);
        }
    }

    private static string Describe(PersistenceProvider provider) => provider == PersistenceProvider.Postgresql ? "PostgreSQL" : "SQLite";
}
