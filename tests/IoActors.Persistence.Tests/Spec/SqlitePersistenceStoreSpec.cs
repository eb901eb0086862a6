using IoActors.Persistence.Tests.Support;

namespace IoActors.Persistence.Tests.Spec;

/// <summary>The spec on SQLite: a fresh database file per test.</summary>
public sealed class SqlitePersistenceStoreSpec : PersistenceStoreSpec, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override Task<IPersistenceStores> CreateStoresAsync() =>
        Task.FromResult(PersistenceFactory.Create(new PersistenceOptions { DataFolder = _folder.Path, TimeProvider = Clock }));

    public void Dispose() => _folder.Dispose();
}
