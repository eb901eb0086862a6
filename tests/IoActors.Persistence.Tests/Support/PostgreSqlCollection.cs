using Xunit;

namespace IoActors.Persistence.Tests.Support;

/// <summary>Every PostgreSQL test class joins this collection, so the server starts once per test run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlFixture>
{
    public const string Name = "PostgreSql";
}
