using IoActors.Platform.Persistence.Tests.Support;
using IoActors.Testing;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Persistence.Tests.Spec;

/// <summary>The spec on a real PostgreSQL (see <see cref="PostgreSqlFixture"/>): one database, a fresh persistence id per test.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlPersistenceStoreSpec : PersistenceStoreSpec
{
    public PostgreSqlPersistenceStoreSpec(PostgreSqlFixture postgres, ITestOutputHelper output)
        : base(SpecDatabase.PostgreSql(postgres.RequireConnectionString()), output)
    {
    }
}
