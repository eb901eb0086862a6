using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.TestKit;
using IoActors.Platform.Configuration;
using IoActors.Platform.Persistence.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Persistence.Tests.Spec;

/// <summary>
/// The base of the provider-neutral persistence spec: an actor system configured by
/// <see cref="PlatformPersistenceConfig"/> for one database, readied by <see cref="PlatformPersistenceStartup"/>, and
/// helpers that speak Akka's journal and snapshot store protocol with a probe as the persistent actor. Every test starts
/// with events 1..5 and snapshots 1..5 (one second apart) of a fresh persistence id.
/// </summary>
public abstract class PersistenceSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const string SpecHocon = """
        akka.loglevel = INFO
        akka.test.single-expect-default = 30s
        akka.actor.serialization-bindings {
          "IoActors.Platform.Persistence.Tests.Support.UnserializableEvent, IoActors.Platform.Persistence.Tests" = ioactors-json
        }
        """;

    protected PersistenceSpec(PlatformOptions options, ITestOutputHelper output)
        : base(ConfigFor(options), output: output)
    {
        Options = options;
    }

    /// <summary>The platform configuration naming the database.</summary>
    protected PlatformOptions Options { get; }

    protected string Pid { get; } = "pid-" + Guid.NewGuid().ToString("N");

    protected IActorRef Journal { get; private set; } = ActorRefs.Nobody;

    protected IActorRef SnapshotStore { get; private set; } = ActorRefs.Nobody;

    /// <summary>The timestamps of the snapshots at sequence numbers 1..5 (index 0 unused).</summary>
    protected DateTime[] SnapshotTimes { get; } = new DateTime[6];

    protected static Config ConfigFor(PlatformOptions options) =>
        ConfigurationFactory.ParseString(SpecHocon).WithFallback(PlatformPersistenceConfig.Create(options));

    public virtual async Task InitializeAsync()
    {
        await PlatformPersistenceStartup.StartAsync(Sys, Options);
        var persistence = Akka.Persistence.Persistence.Instance.Apply(Sys);
        Journal = persistence.JournalFor(null);
        SnapshotStore = persistence.SnapshotStoreFor(null);
        for (var seq = 1; seq <= 5; seq++)
        {
            await WriteAsync(Pid, seq);
        }

        for (var seq = 1; seq <= 5; seq++)
        {
            SnapshotTimes[seq] = SpecData.Start.AddSeconds(seq);
            await SaveSnapshotAsync(new SnapshotMetadata(Pid, seq, SnapshotTimes[seq]), SpecData.State(seq));
        }
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static IPersistentRepresentation Repr(string pid, long seq, object payload) =>
        new Persistent(payload, seq, pid, "", false, ActorRefs.NoSender, "spec-writer");

    protected static AtomicWrite Atomic(string pid, params long[] seqs) =>
        new(seqs.Select(s => Repr(pid, s, SpecData.Event(s))).ToImmutableList());

    protected static AtomicWrite Atomic(params IPersistentRepresentation[] reprs) => new(reprs.ToImmutableList());

    /// <summary>Sends one WriteMessages and returns every answer: the whole write's, then one per event.</summary>
    protected async Task<List<object>> WriteMessagesAsync(params AtomicWrite[] writes)
    {
        var probe = CreateTestProbe();
        var count = writes.Sum(w => ((IImmutableList<IPersistentRepresentation>)w.Payload).Count);
        Journal.Tell(new WriteMessages(writes, probe.Ref, 1));
        var answers = new List<object>();
        for (var i = 0; i <= count; i++)
        {
            answers.Add(await probe.ExpectMsgAsync<object>());
        }

        return answers;
    }

    /// <summary>Writes the spec event at each sequence number, one atomic write, and checks that it succeeded.</summary>
    protected async Task WriteAsync(string pid, params long[] seqs)
    {
        var answers = await WriteMessagesAsync(Atomic(pid, seqs));
        if (answers[0] is not WriteMessagesSuccessful || answers.Skip(1).Any(a => a is not WriteMessageSuccess))
        {
            throw new InvalidOperationException($"Writing {string.Join(",", seqs)} of {pid} failed: {string.Join("; ", answers)}");
        }
    }

    /// <summary>Replays through ReplayMessages; returns the replayed events and the highest sequence number of RecoverySuccess.</summary>
    protected async Task<(List<IPersistentRepresentation> Events, long Highest)> ReplayAsync(long from, long to, long max, string? pid = null)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new ReplayMessages(from, to, max, pid ?? Pid, probe.Ref));
        var events = new List<IPersistentRepresentation>();
        while (true)
        {
            switch (await probe.ExpectMsgAsync<object>())
            {
                case ReplayedMessage replayed:
                    events.Add(replayed.Persistent);
                    break;
                case RecoverySuccess success:
                    return (events, success.HighestSequenceNr);
                case var other:
                    throw new InvalidOperationException($"Replay answered {other}");
            }
        }
    }

    protected async Task<List<long>> SeqsAsync(long from, long to, long max, string? pid = null) =>
        (await ReplayAsync(from, to, max, pid)).Events.Select(e => e.SequenceNr).ToList();

    /// <summary>The highest sequence number as recovery reads it (ReplayMessages with max 0).</summary>
    protected async Task<long> HighestAsync(string? pid = null, long from = 0)
    {
        var (events, highest) = await ReplayAsync(from, long.MaxValue, 0, pid);
        if (events.Count != 0)
        {
            throw new InvalidOperationException("A replay with max 0 replayed events.");
        }

        return highest;
    }

    protected async Task<object> DeleteToAsync(long to, string? pid = null)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new DeleteMessagesTo(pid ?? Pid, to, probe.Ref));
        return await probe.ExpectMsgAsync<object>();
    }

    protected async Task SaveSnapshotAsync(SnapshotMetadata metadata, object snapshot)
    {
        var probe = CreateTestProbe();
        SnapshotStore.Tell(new SaveSnapshot(metadata, snapshot), probe.Ref);
        await probe.ExpectMsgAsync<SaveSnapshotSuccess>();
    }

    protected async Task<SelectedSnapshot?> LoadSnapshotAsync(SnapshotSelectionCriteria criteria, long toSequenceNr = long.MaxValue, string? pid = null)
    {
        var probe = CreateTestProbe();
        SnapshotStore.Tell(new LoadSnapshot(pid ?? Pid, criteria, toSequenceNr), probe.Ref);
        return (await probe.ExpectMsgAsync<LoadSnapshotResult>()).Snapshot;
    }

    protected async Task<object> SnapshotStoreAskAsync(object message)
    {
        var probe = CreateTestProbe();
        SnapshotStore.Tell(message, probe.Ref);
        return await probe.ExpectMsgAsync<object>();
    }
}
