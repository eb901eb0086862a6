using FluentAssertions;
using IoActors.Persistence.Tests.Support;
using Xunit;

namespace IoActors.Persistence.Tests.Spec;

/// <summary>
/// The provider-neutral journal and snapshot store spec (the Akka persistence TCK cases). Each provider runs it
/// through a subclass that supplies the stores. Every test starts with events 1..5 and snapshots at 1..5 of a fresh
/// persistence id, the snapshots taken one second apart on a manual clock.
/// </summary>
public abstract class PersistenceStoreSpec : IAsyncLifetime
{
    private static readonly DateTimeOffset s_start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    protected ManualClock Clock { get; } = new(s_start);

    protected IPersistenceStores Stores { get; private set; } = null!;

    protected IJournal Journal => Stores.Journal;

    protected ISnapshotStore Snapshots => Stores.SnapshotStore;

    protected string Pid { get; } = "pid-" + Guid.NewGuid().ToString("N");

    /// <summary>The timestamps of the snapshots at sequence numbers 1..5 (index 0 unused).</summary>
    protected DateTimeOffset[] SnapshotTimes { get; } = new DateTimeOffset[6];

    /// <summary>Creates the stores under test, using <see cref="Clock"/>.</summary>
    protected abstract Task<IPersistenceStores> CreateStoresAsync();

    public virtual async Task InitializeAsync()
    {
        Stores = await CreateStoresAsync();
        await WriteEventsAsync(Pid, 1, 5);
        for (var seq = 1; seq <= 5; seq++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            var stored = await Snapshots.SaveAsync(new SnapshotMetadata(Pid, seq), new TestState($"s-{seq}", [seq]));
            SnapshotTimes[seq] = stored.Timestamp;
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (Stores is not null)
        {
            await Stores.DisposeAsync();
        }
    }

    protected async Task WriteEventsAsync(string pid, int from, int to)
    {
        for (var seq = from; seq <= to; seq++)
        {
            await Journal.WriteAsync(pid, [new PersistentRepr(pid, seq, new TestEvent($"a-{seq}", seq))]);
        }
    }

    protected async Task<List<PersistentRepr>> ReplayAsync(long from, long to, long max, string? pid = null)
    {
        var replayed = new List<PersistentRepr>();
        var count = await Journal.ReplayAsync(pid ?? Pid, from, to, max, replayed.Add);
        count.Should().Be(replayed.Count, "ReplayAsync returns the number of events it replayed");
        return replayed;
    }

    protected static IEnumerable<long> Seqs(IEnumerable<PersistentRepr> events) => events.Select(e => e.SequenceNr);

    // ---- journal: replay ----

    [SkippableFact]
    public async Task Replay_FullRange_ReplaysAllEventsInOrder()
    {
        var replayed = await ReplayAsync(1, long.MaxValue, long.MaxValue);

        Seqs(replayed).Should().Equal(1, 2, 3, 4, 5);
        replayed.Select(e => e.Payload).Should().Equal(Enumerable.Range(1, 5).Select(i => new TestEvent($"a-{i}", i)));
        replayed.Should().OnlyContain(e => e.PersistenceId == Pid);
    }

    [SkippableFact]
    public async Task Replay_LowerBound_ReplaysFromIt()
    {
        Seqs(await ReplayAsync(3, long.MaxValue, long.MaxValue)).Should().Equal(3, 4, 5);
    }

    [SkippableFact]
    public async Task Replay_UpperBound_ReplaysUpToIt()
    {
        Seqs(await ReplayAsync(1, 3, long.MaxValue)).Should().Equal(1, 2, 3);
    }

    [SkippableFact]
    public async Task Replay_MaxCount_ReplaysAtMostThatMany()
    {
        Seqs(await ReplayAsync(1, long.MaxValue, 2)).Should().Equal(1, 2);
    }

    [SkippableFact]
    public async Task Replay_LowerAndUpperBound_ReplaysTheRange()
    {
        Seqs(await ReplayAsync(2, 3, long.MaxValue)).Should().Equal(2, 3);
    }

    [SkippableFact]
    public async Task Replay_BoundsAndMaxCount_ReplaysAtMostMaxOfTheRange()
    {
        Seqs(await ReplayAsync(2, 5, 3)).Should().Equal(2, 3, 4);
    }

    [SkippableFact]
    public async Task Replay_LowerEqualsUpper_ReplaysSingleEvent()
    {
        var replayed = await ReplayAsync(2, 2, long.MaxValue);

        Seqs(replayed).Should().Equal(2);
        replayed[0].Payload.Should().Be(new TestEvent("a-2", 2));
    }

    [SkippableFact]
    public async Task Replay_MaxCountZero_ReplaysNothing()
    {
        (await ReplayAsync(1, long.MaxValue, 0)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Replay_LowerGreaterThanUpper_ReplaysNothing()
    {
        (await ReplayAsync(3, 2, long.MaxValue)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Replay_LowerAboveHighest_ReplaysNothing()
    {
        (await ReplayAsync(6, long.MaxValue, long.MaxValue)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Replay_UnknownPersistenceId_ReplaysNothing()
    {
        (await ReplayAsync(1, long.MaxValue, long.MaxValue, "unknown-" + Guid.NewGuid())).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Replay_StoredEvent_CarriesManifestAndWriteTimestamp()
    {
        var pid = Pid + "-stamped";
        Clock.Advance(TimeSpan.FromMinutes(1));
        var writtenAt = Clock.GetUtcNow();
        await Journal.WriteAsync(pid, [new PersistentRepr(pid, 1, new TestEvent("x", 42))]);

        var replayed = await ReplayAsync(1, long.MaxValue, long.MaxValue, pid);

        replayed.Should().ContainSingle();
        replayed[0].Timestamp.Should().Be(writtenAt);
        replayed[0].Manifest.Should().Contain(nameof(TestEvent));
        replayed[0].Payload.Should().BeOfType<TestEvent>().Which.Should().Be(new TestEvent("x", 42));
    }

    // ---- journal: writes ----

    [SkippableFact]
    public async Task Write_MultiEventBatch_StoresAllEventsAtomically()
    {
        await Journal.WriteAsync(Pid, new[] { 6, 7, 8 }.Select(i => new PersistentRepr(Pid, i, new TestEvent($"a-{i}", i))).ToList());

        Seqs(await ReplayAsync(6, long.MaxValue, long.MaxValue)).Should().Equal(6, 7, 8);
        (await Journal.ReadHighestSequenceNrAsync(Pid)).Should().Be(8);
    }

    [SkippableFact]
    public async Task Write_BatchWhoseLastEventConflicts_WritesNothing()
    {
        await Journal.WriteAsync(Pid, [new PersistentRepr(Pid, 8, new TestEvent("first", 8))]);

        var write = () => Journal.WriteAsync(Pid, new[] { 6, 7, 8 }.Select(i => new PersistentRepr(Pid, i, new TestEvent($"b-{i}", i))).ToList());

        var conflict = (await write.Should().ThrowAsync<JournalWriteConflictException>()).Which;
        conflict.PersistenceId.Should().Be(Pid);
        conflict.SequenceNr.Should().Be(8);
        Seqs(await ReplayAsync(6, long.MaxValue, long.MaxValue)).Should().Equal(8);
        (await ReplayAsync(8, 8, 1)).Single().Payload.Should().Be(new TestEvent("first", 8));
    }

    [SkippableFact]
    public async Task Write_ExistingSequenceNr_ThrowsConflictNamingIdAndSequenceNrAndKeepsTheOriginal()
    {
        var write = () => Journal.WriteAsync(Pid, [new PersistentRepr(Pid, 3, new TestEvent("overwrite", 3))]);

        var conflict = (await write.Should().ThrowAsync<JournalWriteConflictException>()).Which;
        conflict.PersistenceId.Should().Be(Pid);
        conflict.SequenceNr.Should().Be(3);
        conflict.Message.Should().Contain(Pid).And.Contain("3");
        (await ReplayAsync(3, 3, 1)).Single().Payload.Should().Be(new TestEvent("a-3", 3));
    }

    [SkippableFact]
    public async Task Write_UnserializableEventInBatch_WritesNothing()
    {
        var batch = new List<PersistentRepr>
        {
            new(Pid, 6, new TestEvent("a-6", 6)),
            new(Pid, 7, new UnserializableEvent(typeof(string))),
        };

        var error = (await FluentActions.Awaiting(() => Journal.WriteAsync(Pid, batch)).Should().ThrowAsync<PersistenceSerializationException>()).Which;

        error.SequenceNr.Should().Be(7);
        error.PersistenceId.Should().Be(Pid);
        (await ReplayAsync(6, long.MaxValue, long.MaxValue)).Should().BeEmpty();
        (await Journal.ReadHighestSequenceNrAsync(Pid)).Should().Be(5);
    }

    [SkippableFact]
    public async Task Write_MalformedBatch_ReportsEveryProblemAtOnce()
    {
        var batch = new List<PersistentRepr>
        {
            new("someone-else", 6, new TestEvent("x", 6)),
            new(Pid, 6, new TestEvent("y", 6)),
            new(Pid, 0, new TestEvent("z", 0)),
        };

        var error = (await FluentActions.Awaiting(() => Journal.WriteAsync(Pid, batch)).Should().ThrowAsync<ArgumentException>()).Which;

        error.Message.Should().Contain("batch[0].PersistenceId").And.Contain("someone-else")
            .And.Contain("batch[1].SequenceNr").And.Contain("batch[2].SequenceNr");
        (await Journal.ReadHighestSequenceNrAsync(Pid)).Should().Be(5);
    }

    // ---- journal: highest sequence number and deletes ----

    [SkippableFact]
    public async Task ReadHighestSequenceNr_AfterWrites_IsTheLastWritten()
    {
        (await Journal.ReadHighestSequenceNrAsync(Pid)).Should().Be(5);
        (await Journal.ReadHighestSequenceNrAsync(Pid, 3)).Should().Be(5);
    }

    [SkippableFact]
    public async Task ReadHighestSequenceNr_UnknownPersistenceId_IsZero()
    {
        (await Journal.ReadHighestSequenceNrAsync("unknown-" + Guid.NewGuid())).Should().Be(0);
    }

    [SkippableFact]
    public async Task DeleteTo_Range_DeletedEventsAreNotReplayed()
    {
        await Journal.DeleteToAsync(Pid, 3);

        Seqs(await ReplayAsync(1, long.MaxValue, long.MaxValue)).Should().Equal(4, 5);
    }

    [SkippableFact]
    public async Task DeleteTo_Range_KeepsHighestSequenceNr()
    {
        await Journal.DeleteToAsync(Pid, 3);

        (await Journal.ReadHighestSequenceNrAsync(Pid)).Should().Be(5);
    }

    [SkippableFact]
    public async Task DeleteTo_HighestSequenceNr_KeepsHighestSequenceNr()
    {
        await Journal.DeleteToAsync(Pid, 5);

        (await ReplayAsync(1, long.MaxValue, long.MaxValue)).Should().BeEmpty();
        (await Journal.ReadHighestSequenceNrAsync(Pid)).Should().Be(5);
    }

    [SkippableFact]
    public async Task DeleteTo_MaxValue_DeletesAllAndKeepsHighestSequenceNr()
    {
        await Journal.DeleteToAsync(Pid, long.MaxValue);

        (await ReplayAsync(1, long.MaxValue, long.MaxValue)).Should().BeEmpty();
        (await Journal.ReadHighestSequenceNrAsync(Pid)).Should().Be(5);
    }

    [SkippableFact]
    public async Task DeleteTo_ThenWriteNext_ContinuesAfterHighest()
    {
        await Journal.DeleteToAsync(Pid, long.MaxValue);
        await Journal.DeleteToAsync(Pid, 2); // a second, smaller delete never lowers the kept highest

        await WriteEventsAsync(Pid, 6, 6);

        Seqs(await ReplayAsync(1, long.MaxValue, long.MaxValue)).Should().Equal(6);
        (await Journal.ReadHighestSequenceNrAsync(Pid)).Should().Be(6);
    }

    // ---- snapshot store ----

    [SkippableFact]
    public async Task LoadSnapshot_UnknownPersistenceId_ReturnsNull()
    {
        (await Snapshots.LoadAsync("unknown-" + Guid.NewGuid(), SnapshotSelectionCriteria.Latest)).Should().BeNull();
    }

    [SkippableFact]
    public async Task LoadSnapshot_NonMatchingTimestampCriteria_ReturnsNull()
    {
        var criteria = new SnapshotSelectionCriteria(long.MaxValue, SnapshotTimes[1] - TimeSpan.FromMilliseconds(1));

        (await Snapshots.LoadAsync(Pid, criteria)).Should().BeNull();
    }

    [SkippableFact]
    public async Task LoadSnapshot_NonMatchingSequenceNrCriteria_ReturnsNull()
    {
        (await Snapshots.LoadAsync(Pid, SnapshotSelectionCriteria.UpTo(0))).Should().BeNull();
        (await Snapshots.LoadAsync(Pid, SnapshotSelectionCriteria.Latest with { MinSequenceNr = 6 })).Should().BeNull();
    }

    [SkippableFact]
    public async Task LoadSnapshot_NoneCriteria_ReturnsNull()
    {
        (await Snapshots.LoadAsync(Pid, SnapshotSelectionCriteria.None)).Should().BeNull();
    }

    [SkippableFact]
    public async Task LoadSnapshot_Latest_ReturnsMostRecent()
    {
        var loaded = await Snapshots.LoadAsync(Pid, SnapshotSelectionCriteria.Latest);

        loaded.Should().NotBeNull();
        loaded!.Metadata.Should().Be(new SnapshotMetadata(Pid, 5, SnapshotTimes[5]));
        loaded.Snapshot.Should().BeOfType<TestState>().Which.Name.Should().Be("s-5");
    }

    [SkippableFact]
    public async Task LoadSnapshot_UpperSequenceNrBound_ReturnsMostRecentMatching()
    {
        var loaded = await Snapshots.LoadAsync(Pid, SnapshotSelectionCriteria.UpTo(3));

        loaded!.Metadata.Should().Be(new SnapshotMetadata(Pid, 3, SnapshotTimes[3]));
        ((TestState)loaded.Snapshot).Values.Should().Equal(3);
    }

    [SkippableFact]
    public async Task LoadSnapshot_UpperSequenceNrAndTimestampBounds_ReturnsMostRecentMatchingBoth()
    {
        var loaded = await Snapshots.LoadAsync(Pid, new SnapshotSelectionCriteria(4, SnapshotTimes[2]));

        loaded!.Metadata.Should().Be(new SnapshotMetadata(Pid, 2, SnapshotTimes[2]));
    }

    [SkippableFact]
    public async Task LoadSnapshot_LowerBounds_ReturnsMostRecentWithinThem()
    {
        var loaded = await Snapshots.LoadAsync(Pid, new SnapshotSelectionCriteria(4, DateTimeOffset.MaxValue, 2, SnapshotTimes[3]));
        var none = await Snapshots.LoadAsync(Pid, new SnapshotSelectionCriteria(2, DateTimeOffset.MaxValue, 0, SnapshotTimes[3]));

        loaded!.Metadata.SequenceNr.Should().Be(4);
        none.Should().BeNull();
    }

    [SkippableFact]
    public async Task DeleteSnapshot_ByMetadata_DeletesOnlyThatSnapshot()
    {
        await Snapshots.DeleteAsync(new SnapshotMetadata(Pid, 4));

        (await Snapshots.LoadAsync(Pid, SnapshotSelectionCriteria.UpTo(4)))!.Metadata.SequenceNr.Should().Be(3);
        (await Snapshots.LoadAsync(Pid, SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr.Should().Be(5);
    }

    [SkippableFact]
    public async Task DeleteSnapshots_ByUpperSequenceNrAndTimestampCriteria_DeletesAllMatching()
    {
        await Snapshots.DeleteAsync(Pid, new SnapshotSelectionCriteria(4, SnapshotTimes[3]));

        (await Snapshots.LoadAsync(Pid, SnapshotSelectionCriteria.UpTo(3))).Should().BeNull();
        (await Snapshots.LoadAsync(Pid, SnapshotSelectionCriteria.UpTo(4)))!.Metadata.SequenceNr.Should().Be(4);
        (await Snapshots.LoadAsync(Pid, SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr.Should().Be(5);
    }

    [SkippableFact]
    public async Task DeleteSnapshots_NonMatchingUpperTimestampBound_DeletesNothing()
    {
        await Snapshots.DeleteAsync(Pid, new SnapshotSelectionCriteria(3, SnapshotTimes[1] - TimeSpan.FromMilliseconds(1)));

        (await Snapshots.LoadAsync(Pid, SnapshotSelectionCriteria.UpTo(3)))!.Metadata.SequenceNr.Should().Be(3);
        (await Snapshots.LoadAsync(Pid, SnapshotSelectionCriteria.UpTo(1)))!.Metadata.SequenceNr.Should().Be(1);
    }

    [SkippableFact]
    public async Task SaveSnapshot_SameSequenceNr_OverwritesTheSnapshot()
    {
        Clock.Advance(TimeSpan.FromSeconds(10));
        var overwritten = await Snapshots.SaveAsync(new SnapshotMetadata(Pid, 5), new TestState("s-5-again", [50]));

        var loaded = await Snapshots.LoadAsync(Pid, SnapshotSelectionCriteria.Latest);

        loaded!.Metadata.Should().Be(overwritten);
        loaded.Metadata.Timestamp.Should().Be(Clock.GetUtcNow());
        loaded.Snapshot.Should().BeOfType<TestState>().Which.Name.Should().Be("s-5-again");
        (await Snapshots.LoadAsync(Pid, SnapshotSelectionCriteria.UpTo(4)))!.Metadata.SequenceNr.Should().Be(4);
    }

    [SkippableFact]
    public async Task SaveSnapshot_LargeSnapshot_RoundTrips()
    {
        var values = Enumerable.Range(0, 200_000).ToList();
        await Snapshots.SaveAsync(new SnapshotMetadata(Pid, 6), new TestState(new string('x', 100_000), values));

        var loaded = await Snapshots.LoadAsync(Pid, SnapshotSelectionCriteria.Latest);

        loaded!.Metadata.SequenceNr.Should().Be(6);
        var state = loaded.Snapshot.Should().BeOfType<TestState>().Which;
        state.Name.Should().HaveLength(100_000);
        state.Values.Should().Equal(values);
    }

    [SkippableFact]
    public async Task SaveSnapshot_ExplicitTimestamp_IsKept()
    {
        var at = new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)).AddTicks(1234);
        var stored = await Snapshots.SaveAsync(new SnapshotMetadata(Pid, 7, at), new TestState("t", []));

        stored.Timestamp.Should().Be(at);
        (await Snapshots.LoadAsync(Pid, SnapshotSelectionCriteria.Latest))!.Metadata.Timestamp.Should().Be(at);
    }
}
