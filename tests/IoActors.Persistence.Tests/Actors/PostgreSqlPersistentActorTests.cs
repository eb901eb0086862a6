using FluentAssertions;
using IoActors.Kernel;
using IoActors.Persistence.Tests.Support;
using IoActors.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Persistence.Tests.Actors;

/// <summary>PersistentActor on PostgreSQL (see <see cref="PostgreSqlFixture"/>): persist, re-create, recover.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlPersistentActorTests : TestKit.TestKit
{
    private readonly PostgreSqlFixture _postgres;
    private readonly string _pid = "pg-counter-" + Guid.NewGuid().ToString("N");
    private IPersistenceStores? _stores;

    public PostgreSqlPersistentActorTests(PostgreSqlFixture postgres, ITestOutputHelper output)
        : base(output, new TestKitOptions { DefaultTimeout = TimeSpan.FromSeconds(10) })
    {
        _postgres = postgres;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_stores is not null)
        {
            await _stores.DisposeAsync();
        }
    }

    [SkippableFact]
    public void Recovery_SnapshotAndEventsOnPostgreSql_RestoresTheState()
    {
        _stores = PersistenceFactory.Create(new PersistenceOptions
        {
            Provider = PersistenceProvider.PostgreSql,
            ConnectionString = _postgres.RequireConnectionString(),
        });
        PersistenceExtension.Configure(Sys, _stores);
        var reporter = CreateTestProbe("reporter");

        var first = ActorOf(CounterActor.Props(_pid, reporter.Ref));
        reporter.ExpectMsg<Recovered>().Should().BeEquivalentTo(new Recovered([], 0));
        first.Tell(new AddMany(["a", "b"]));
        ExpectMsg<Ack>().Should().Be(new Ack("a", 1));
        ExpectMsg<Ack>().Should().Be(new Ack("b", 2));
        first.Tell(new TakeSnapshot());
        reporter.ExpectMsg<SaveSnapshotSuccess>().Metadata.SequenceNr.Should().Be(2);
        first.Tell(new Add("c"));
        ExpectMsg<Ack>().Should().Be(new Ack("c", 3));
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        ActorOf(CounterActor.Props(_pid, reporter.Ref));

        reporter.ExpectMsg<SnapshotOffered>().Should().BeEquivalentTo(new SnapshotOffered(2, ["a", "b"]));
        reporter.ExpectMsg<Recovered>().Should().BeEquivalentTo(new Recovered(["a", "b", "c"], 3));
    }
}
