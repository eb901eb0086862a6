namespace IoActors.Platform.Persistence;

/// <summary>
/// The Akka.Persistence.Sql settings IoActors sets beyond the connection (measured in bench/IoActors.Benchmarks/Persistence;
/// the README there says why each value).
/// </summary>
internal static class JournalTuning
{
    /// <summary>Events read per database round trip during recovery (<c>replay-batch-size</c>).</summary>
    public const int ReplayBatchSize = 1000;

    /// <summary>Writes collected into one database batch (<c>batch-size</c>).</summary>
    public const int BatchSize = 100;

    /// <summary>Rows sent in one round trip of a batch (<c>db-round-trip-max-batch-size</c>).</summary>
    public const int RoundTripMaxBatchSize = 1000;

    /// <summary>Writes pending before new ones are rejected (<c>buffer-size</c>).</summary>
    public const int BufferSize = 5000;

    /// <summary>Concurrent writers on a SQLite file: one (SQLite has a single write lock; more only wait on it).</summary>
    public const int SqliteParallelism = 1;

    /// <summary>Concurrent writers on PostgreSQL (<c>parallelism</c>).</summary>
    public const int PostgreSqlParallelism = 3;
}
