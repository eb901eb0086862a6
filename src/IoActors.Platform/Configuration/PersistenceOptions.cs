namespace IoActors.Platform.Configuration;

/// <summary>The journal and snapshot store (<c>ioactors.persistence</c>).</summary>
public sealed class PersistenceOptions
{
    /// <summary>The database: <c>sqlite</c> or <c>postgresql</c>. The default is <see cref="PersistenceProvider.Sqlite"/>.</summary>
    public PersistenceProvider Provider { get; set; } = PersistenceProvider.Sqlite;

    /// <summary>The connection string. The default is <c>Data Source=data/ioactors.db</c> (a SQLite file in the data folder).</summary>
    public string ConnectionString { get; set; } = "Data Source=data/ioactors.db";
}
