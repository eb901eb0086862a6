using IoActors.Persistence.Serialization;

namespace IoActors.Persistence;

/// <summary>Chooses and configures the database behind the journal and snapshot store.</summary>
public sealed class PersistenceOptions
{
    /// <summary>The file name of the SQLite database in <see cref="DataFolder"/>.</summary>
    public const string DefaultSqliteFileName = "ioactors-persistence.db";

    /// <summary>The database to use. The default is <see cref="PersistenceProvider.Sqlite"/>.</summary>
    public PersistenceProvider Provider { get; init; } = PersistenceProvider.Sqlite;

    /// <summary>
    /// The ADO.NET connection string. For SQLite it may be omitted: the file <see cref="DefaultSqliteFileName"/>
    /// in <see cref="DataFolder"/> is used. For PostgreSQL it is required, e.g.
    /// "Host=db.example;Port=5432;Database=ioactors;Username=ioactors;Password=…". The default is null.
    /// </summary>
    public string? ConnectionString { get; init; }

    /// <summary>
    /// The platform data folder holding the SQLite file when no connection string is given; created when missing.
    /// The default is "IoActors" under the user's local application data folder.
    /// </summary>
    public string DataFolder { get; init; } = DefaultDataFolder();

    /// <summary>
    /// How long an SQLite command waits for another writer's lock before failing. The default is 30 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The serializer for events and snapshots. The default is a <see cref="JsonPersistenceSerializer"/>.</summary>
    public IPersistenceSerializer? Serializer { get; init; }

    /// <summary>The clock that stamps events and snapshots. The default is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names each field, value and rule.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Provider))
        {
            problems.Add($"{nameof(Provider)}: value {(int)Provider} is not a known provider (Sqlite or PostgreSql).");
        }

        if (Provider == PersistenceProvider.PostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            problems.Add($"{nameof(ConnectionString)}: value is empty; PostgreSQL needs a connection string (Host=…;Database=…;Username=…).");
        }

        if (Provider == PersistenceProvider.Sqlite && string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(DataFolder))
        {
            problems.Add($"{nameof(DataFolder)}: value is empty; SQLite without a connection string needs a data folder.");
        }

        if (BusyTimeout <= TimeSpan.Zero || BusyTimeout.TotalSeconds > int.MaxValue)
        {
            problems.Add($"{nameof(BusyTimeout)}: value {BusyTimeout} must be positive.");
        }

        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            try
            {
                if (Provider == PersistenceProvider.PostgreSql)
                {
                    _ = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).ConnectionString;
                }
                else
                {
                    var sqlite = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString);
                    if (sqlite.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory || sqlite.DataSource is "" or ":memory:")
                    {
                        problems.Add($"{nameof(ConnectionString)}: value '{ConnectionString}' is an in-memory SQLite database; the journal needs a file (each connection would see its own empty database).");
                    }
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
            {
                problems.Add($"{nameof(ConnectionString)}: value is not a valid {Provider} connection string: {e.Message}");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid persistence options:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
    }

    private static string DefaultDataFolder()
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(root, "IoActors");
    }
}
