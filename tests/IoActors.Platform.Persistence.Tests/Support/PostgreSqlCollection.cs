using IoActors.Testing;
using Xunit;

namespace IoActors.Platform.Persistence.Tests.Support;

/// <summary>
/// Every PostgreSQL test class of this assembly joins this collection, so the server starts once per test run
/// (xunit needs the definition in the assembly of its tests).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlFixture>
{
    public const string Name = PostgreSqlFixture.CollectionName;
}
