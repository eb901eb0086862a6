namespace IoActors.Persistence;

/// <summary>A journal and a snapshot store sharing one database; dispose it to release the connection pool.</summary>
public interface IPersistenceStores : IAsyncDisposable
{
    /// <summary>The provider behind the stores.</summary>
    PersistenceProvider Provider { get; }

    /// <summary>The event journal.</summary>
    IJournal Journal { get; }

    /// <summary>The snapshot store.</summary>
    ISnapshotStore SnapshotStore { get; }

    /// <summary>
    /// Creates or migrates the schema now. Optional: the stores do it on first use. Calling it at startup
    /// surfaces a wrong connection string early.
    /// </summary>
    /// <param name="cancellationToken">Cancels the initialization.</param>
    Task InitializeAsync(CancellationToken cancellationToken = default);
}
