using Xunit;

namespace IoActors.Testing;

/// <summary>Every PostgreSQL test class joins this collection, so the server starts once per test run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlFixture>
{
    public const string Name = "PostgreSql";
}
