using FluentAssertions;
using IoActors.Kernel;
using IoActors.Persistence.Tests.Support;
using IoActors.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Persistence.Tests.Actors;

/// <summary>PersistentActor on a real SQLite journal (a fresh file per test), driven through the TestKit.</summary>
public sealed class PersistentActorTests : TestKit.TestKit
{
    private readonly TempFolder _folder = new();
    private readonly IPersistenceStores _stores;
    private readonly FaultyJournal _journal;
    private readonly TestProbe _reporter;
    private readonly string _pid = "counter-" + Guid.NewGuid().ToString("N");

    public PersistentActorTests(ITestOutputHelper output)
        : base(output, new TestKitOptions { DefaultTimeout = TimeSpan.FromSeconds(10) })
    {
        _stores = PersistenceFactory.Create(new PersistenceOptions { DataFolder = _folder.Path });
        _journal = new FaultyJournal(_stores.Journal);
        PersistenceExtension.Configure(Sys, _journal, _stores.SnapshotStore);
        _reporter = CreateTestProbe("reporter");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _stores.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public void Recovery_NewPersistenceId_CompletesEmpty()
    {
        var (_, recovered) = Start();

        recovered.Should().BeEquivalentTo(new Recovered([], 0));
    }

    [Fact]
    public void Recovery_AfterStopAndRecreate_ReplaysPersistedEvents()
    {
        var first = Start().Actor;
        first.Tell(new Add("a"));
        ExpectMsg<Ack>().Should().Be(new Ack("a", 1));
        first.Tell(new Add("b"));
        ExpectMsg<Ack>().Should().Be(new Ack("b", 2));
        StopAndWait(first);

        var (second, recovered) = Start();

        recovered.Should().BeEquivalentTo(new Recovered(["a", "b"], 2));
        second.Tell(new Add("c"));
        ExpectMsg<Ack>().Should().Be(new Ack("c", 3));
        second.Tell(new GetState());
        ExpectMsg<CounterState>().Should().BeEquivalentTo(new CounterState(["a", "b", "c"], 3));
    }

    [Fact]
    public async Task Persist_CommandsArrivingDuringTheWrite_WaitUntilTheHandlerRan()
    {
        var actor = Start().Actor;
        _journal.WriteGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        actor.Tell(new Add("a"));
        await _journal.WriteStarted.Task.WaitAsync(DefaultTimeout);
        actor.Tell(new GetState());
        actor.Tell(new Add("b"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        _journal.WriteGate.SetResult();

        ExpectMsg<Ack>().Should().Be(new Ack("a", 1));
        ExpectMsg<CounterState>().Should().BeEquivalentTo(new CounterState(["a"], 1), "GetState waited for the persist handler");
        ExpectMsg<Ack>().Should().Be(new Ack("b", 2));
    }

    [Fact]
    public void Persist_HandlerSender_IsTheCommandSender()
    {
        var actor = Start().Actor;
        var client = CreateTestProbe("client");

        actor.Tell(new Add("a"), client.Ref);

        client.ExpectMsg<Ack>().Should().Be(new Ack("a", 1));
    }

    [Fact]
    public async Task PersistAll_SeveralEvents_WrittenAtomicallyAndHandledInOrder()
    {
        var actor = Start().Actor;

        actor.Tell(new AddMany(["x", "y", "z"]));

        ExpectMsg<Ack>().Should().Be(new Ack("x", 1));
        ExpectMsg<Ack>().Should().Be(new Ack("y", 2));
        ExpectMsg<Ack>().Should().Be(new Ack("z", 3));
        var stored = new List<PersistentRepr>();
        await _stores.Journal.ReplayAsync(_pid, 1, long.MaxValue, long.MaxValue, stored.Add);
        stored.Select(r => r.Payload).Should().Equal(new Added("x"), new Added("y"), new Added("z"));
    }

    [Fact]
    public void Persist_JournalWriteFails_PublishesPersistFailureAndStopsTheActor()
    {
        var actor = Start().Actor;
        Sys.EventStream.Subscribe(TestActor, typeof(PersistFailure));
        Watch(actor);
        _journal.WriteFailure = new InvalidOperationException("disk on fire");

        actor.Tell(new Add("a"));

        var failure = ExpectMsg<PersistFailure>();
        failure.PersistenceId.Should().Be(_pid);
        failure.SequenceNr.Should().Be(1);
        failure.Cause.Message.Should().Be("disk on fire");
        ExpectTerminated(actor);
    }

    [Fact]
    public void Persist_UnserializableEvent_IsRejectedAndTheActorContinuesWithoutGap()
    {
        var actor = Start().Actor;

        actor.Tell(new AddUnserializable());
        actor.Tell(new Add("a"));

        ExpectMsg<Ack>().Should().Be(new Ack("a", 1), "the rejected event's handler did not run and used no sequence number");
    }

    [Fact]
    public void Recovery_SnapshotThenEvents_OffersTheSnapshotThenReplaysLaterEvents()
    {
        var first = Start().Actor;
        first.Tell(new AddMany(["a", "b"]));
        ExpectMsg<Ack>();
        ExpectMsg<Ack>();
        first.Tell(new TakeSnapshot());
        _reporter.ExpectMsg<SaveSnapshotSuccess>().Metadata.SequenceNr.Should().Be(2);
        first.Tell(new Add("c"));
        ExpectMsg<Ack>().Should().Be(new Ack("c", 3));
        StopAndWait(first);

        ActorOf(CounterActor.Props(_pid, _reporter.Ref));

        _reporter.ExpectMsg<SnapshotOffered>().Should().BeEquivalentTo(new SnapshotOffered(2, ["a", "b"]));
        _reporter.ExpectMsg<Recovered>().Should().BeEquivalentTo(new Recovered(["a", "b", "c"], 3));
    }

    [Fact]
    public void Recovery_JournalFails_PublishesRecoveryFailureAndStopsTheActor()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(RecoveryFailure));
        _journal.ReplayFailure = new InvalidOperationException("cannot read");

        var actor = Watch(ActorOf(CounterActor.Props(_pid, _reporter.Ref)));

        var failure = ExpectMsg<RecoveryFailure>();
        failure.PersistenceId.Should().Be(_pid);
        failure.Cause.Message.Should().Be("cannot read");
        ExpectTerminated(actor);
    }

    [Fact]
    public void DeleteMessages_ToMax_ThenRecovery_ReplaysNothingAndNumberingContinues()
    {
        var first = Start().Actor;
        first.Tell(new AddMany(["a", "b"]));
        ExpectMsg<Ack>();
        ExpectMsg<Ack>();
        first.Tell(new DeleteUpTo(long.MaxValue));
        _reporter.ExpectMsg<DeleteMessagesSuccess>().ToSequenceNr.Should().Be(2);
        StopAndWait(first);

        var (second, recovered) = Start();

        recovered.Should().BeEquivalentTo(new Recovered([], 2));
        second.Tell(new Add("c"));
        ExpectMsg<Ack>().Should().Be(new Ack("c", 3));
    }

    [Fact]
    public void DeleteMessages_BeyondLastSequenceNr_RepliesFailure()
    {
        var actor = Start().Actor;

        actor.Tell(new DeleteUpTo(5));

        _reporter.ExpectMsg<DeleteMessagesFailure>().Cause.Should().BeOfType<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Restart_AfterCommandFailure_RecoversTheStateAgain()
    {
        var actor = Start().Actor;
        actor.Tell(new Add("a"));
        ExpectMsg<Ack>();

        actor.Tell(new Crash());

        _reporter.ExpectMsg<Recovered>().Should().BeEquivalentTo(new Recovered(["a"], 1));
        actor.Tell(new Add("b"));
        ExpectMsg<Ack>().Should().Be(new Ack("b", 2));
    }

    /// <summary>Creates the counter and waits until it has recovered, returning what it recovered.</summary>
    private (IActorRef Actor, Recovered Recovered) Start()
    {
        var actor = ActorOf(CounterActor.Props(_pid, _reporter.Ref));
        return (actor, _reporter.ExpectMsg<Recovered>());
    }

    private void StopAndWait(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }
}
