using IoActors.Platform.Persistence.Tests.Support;
using IoActors.Testing;
using Xunit.Abstractions;

namespace IoActors.Platform.Persistence.Tests.Spec;

/// <summary>The spec on SQLite: a fresh database file (the platform's default, in WAL mode) per test.</summary>
public sealed class SqlitePersistenceStoreSpec : PersistenceStoreSpec
{
    private readonly TempFolder _folder;

    public SqlitePersistenceStoreSpec(ITestOutputHelper output)
        : this(new TempFolder(), output)
    {
    }

    private SqlitePersistenceStoreSpec(TempFolder folder, ITestOutputHelper output)
        : base(SpecDatabase.Sqlite(folder), output)
    {
        _folder = folder;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _folder.Dispose();
        }
    }
}
