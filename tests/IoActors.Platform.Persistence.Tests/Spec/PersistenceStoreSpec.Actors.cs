using Akka.Actor;
using FluentAssertions;
using IoActors.Platform.Persistence.Tests.Support;
using IoActors.Testing;

namespace IoActors.Platform.Persistence.Tests.Spec;

public abstract partial class PersistenceStoreSpec
{
    [SkippableFact]
    public async Task PersistentActor_NewPersistenceId_RecoversEmpty()
    {
        var reporter = CreateTestProbe();

        Sys.ActorOf(HistoryActor.Props("actor-" + Guid.NewGuid().ToString("N"), reporter.Ref));

        (await reporter.ExpectMsgAsync<Recovered>()).Should().BeEquivalentTo(new Recovered([], null, 0, 0));
    }

    [SkippableFact]
    public async Task PersistentActor_PersistThenRestart_RecoversEveryEvent()
    {
        var pid = "actor-" + Guid.NewGuid().ToString("N");
        var reporter = CreateTestProbe();
        var first = Sys.ActorOf(HistoryActor.Props(pid, reporter.Ref));
        await reporter.ExpectMsgAsync<Recovered>();
        first.Tell(new Append(SpecData.Event(1)), TestActor);
        (await ExpectMsgAsync<Appended>()).SequenceNr.Should().Be(1);
        first.Tell(new Append(SpecData.Event(2)), TestActor);
        (await ExpectMsgAsync<Appended>()).SequenceNr.Should().Be(2);
        await StopAsync(first);

        var second = Sys.ActorOf(HistoryActor.Props(pid, reporter.Ref));

        var recovered = await reporter.ExpectMsgAsync<Recovered>();
        recovered.Entries.Should().Equal(SpecData.Event(1), SpecData.Event(2));
        recovered.LastSequenceNr.Should().Be(2);
        second.Tell(new Append(SpecData.Event(3)), TestActor);
        (await ExpectMsgAsync<Appended>()).SequenceNr.Should().Be(3);
    }

    [SkippableFact]
    public async Task PersistentActor_PersistAll_WritesAtomicallyAndHandlesInOrder()
    {
        var pid = "actor-" + Guid.NewGuid().ToString("N");
        var reporter = CreateTestProbe();
        var actor = Sys.ActorOf(HistoryActor.Props(pid, reporter.Ref));
        await reporter.ExpectMsgAsync<Recovered>();

        actor.Tell(new AppendMany([SpecData.Event(1, "x"), SpecData.Event(2, "y"), SpecData.Event(3, "z")]), TestActor);

        for (var seq = 1; seq <= 3; seq++)
        {
            (await ExpectMsgAsync<Appended>()).SequenceNr.Should().Be(seq);
        }

        (await ReplayAsync(1, long.MaxValue, long.MaxValue, pid)).Events.Select(e => e.Payload)
            .Should().Equal(SpecData.Event(1, "x"), SpecData.Event(2, "y"), SpecData.Event(3, "z"));
    }

    [SkippableFact]
    public async Task PersistentActor_SnapshotThenMoreEvents_RecoversFromTheSnapshotPlusTheEventsAfterIt()
    {
        var pid = "actor-" + Guid.NewGuid().ToString("N");
        var reporter = CreateTestProbe();
        var first = Sys.ActorOf(HistoryActor.Props(pid, reporter.Ref));
        await reporter.ExpectMsgAsync<Recovered>();
        first.Tell(new AppendMany([SpecData.Event(1), SpecData.Event(2), SpecData.Event(3)]), TestActor);
        await ExpectMsgAsync<Appended>();
        await ExpectMsgAsync<Appended>();
        await ExpectMsgAsync<Appended>();
        first.Tell(new TakeSnapshot(), TestActor);
        (await ExpectMsgAsync<SnapshotSaved>()).SequenceNr.Should().Be(3);
        first.Tell(new AppendMany([SpecData.Event(4), SpecData.Event(5)]), TestActor);
        await ExpectMsgAsync<Appended>();
        await ExpectMsgAsync<Appended>();
        await StopAsync(first);

        Sys.ActorOf(HistoryActor.Props(pid, reporter.Ref));

        var recovered = await reporter.ExpectMsgAsync<Recovered>();
        recovered.SnapshotSequenceNr.Should().Be(3);
        recovered.ReplayedEvents.Should().Be(2, "only the events after the snapshot are replayed");
        recovered.Entries.Should().Equal(Enumerable.Range(1, 5).Select(i => SpecData.Event(i)));
        recovered.LastSequenceNr.Should().Be(5);
    }

    private async Task StopAsync(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        await ExpectTerminatedAsync(actor);
    }
}
