using IoActors.Persistence.Tests.Support;
using Xunit;

namespace IoActors.Persistence.Tests.Spec;

/// <summary>The spec on PostgreSQL (see <see cref="PostgreSqlFixture"/>): one database, a fresh persistence id per test.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlPersistenceStoreSpec : PersistenceStoreSpec
{
    private readonly PostgreSqlFixture _postgres;

    public PostgreSqlPersistenceStoreSpec(PostgreSqlFixture postgres)
    {
        _postgres = postgres;
    }

    protected override Task<IPersistenceStores> CreateStoresAsync() =>
        Task.FromResult(PersistenceFactory.Create(new PersistenceOptions
        {
            Provider = PersistenceProvider.PostgreSql,
            ConnectionString = _postgres.RequireConnectionString(),
            TimeProvider = Clock,
        }));
}
