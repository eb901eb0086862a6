using Akka.Persistence;
using FluentAssertions;
using IoActors.Platform.Hosting;
using IoActors.Platform.Persistence.Tests.Support;
using IoActors.Testing;

namespace IoActors.Platform.Persistence.Tests.Spec;

public abstract partial class PersistenceStoreSpec
{
    [SkippableFact]
    public async Task LoadSnapshot_UnknownPersistenceId_ReturnsNone() =>
        (await LoadSnapshotAsync(SnapshotSelectionCriteria.Latest, pid: "unknown-" + Guid.NewGuid())).Should().BeNull();

    [SkippableFact]
    public async Task LoadSnapshot_NonMatchingTimestampCriteria_ReturnsNone() =>
        (await LoadSnapshotAsync(new SnapshotSelectionCriteria(long.MaxValue, SnapshotTimes[1].AddMilliseconds(-1)))).Should().BeNull();

    [SkippableFact]
    public async Task LoadSnapshot_NonMatchingSequenceNrCriteria_ReturnsNone()
    {
        (await LoadSnapshotAsync(new SnapshotSelectionCriteria(0))).Should().BeNull();
        (await LoadSnapshotAsync(SnapshotSelectionCriteria.Latest, toSequenceNr: 0)).Should().BeNull();
    }

    [SkippableFact]
    public async Task LoadSnapshot_NoneCriteria_ReturnsNone() =>
        (await LoadSnapshotAsync(SnapshotSelectionCriteria.None)).Should().BeNull();

    [SkippableFact]
    public async Task LoadSnapshot_Latest_ReturnsMostRecentWithItsMetadata()
    {
        var loaded = await LoadSnapshotAsync(SnapshotSelectionCriteria.Latest);

        loaded.Should().NotBeNull();
        loaded!.Metadata.PersistenceId.Should().Be(Pid);
        loaded.Metadata.SequenceNr.Should().Be(5);
        loaded.Metadata.Timestamp.Should().Be(SnapshotTimes[5]);
        loaded.Snapshot.Should().BeOfType<InstanceHistorySnapshot>().Which.Entries.Should().Equal(SpecData.State(5).Entries);
    }

    [SkippableFact]
    public async Task LoadSnapshot_UpperSequenceNrBound_ReturnsMostRecentMatching()
    {
        var loaded = await LoadSnapshotAsync(new SnapshotSelectionCriteria(3));

        loaded!.Metadata.SequenceNr.Should().Be(3);
        ((InstanceHistorySnapshot)loaded.Snapshot).Entries.Should().HaveCount(3);
    }

    [SkippableFact]
    public async Task LoadSnapshot_ToSequenceNr_LimitsTheCriteria() =>
        (await LoadSnapshotAsync(SnapshotSelectionCriteria.Latest, toSequenceNr: 2))!.Metadata.SequenceNr.Should().Be(2);

    [SkippableFact]
    public async Task LoadSnapshot_UpperSequenceNrAndTimestampBounds_ReturnsMostRecentMatchingBoth()
    {
        var loaded = await LoadSnapshotAsync(new SnapshotSelectionCriteria(4, SnapshotTimes[2]));

        loaded!.Metadata.SequenceNr.Should().Be(2);
        loaded.Metadata.Timestamp.Should().Be(SnapshotTimes[2]);
    }

    [SkippableFact]
    public async Task DeleteSnapshot_ByMetadata_DeletesOnlyThatSnapshot()
    {
        (await SnapshotStoreAskAsync(new DeleteSnapshot(new SnapshotMetadata(Pid, 4, SnapshotTimes[4])))).Should().BeOfType<DeleteSnapshotSuccess>();

        (await LoadSnapshotAsync(new SnapshotSelectionCriteria(4)))!.Metadata.SequenceNr.Should().Be(3);
        (await LoadSnapshotAsync(SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr.Should().Be(5);
    }

    [SkippableFact]
    public async Task DeleteSnapshots_ByUpperSequenceNrAndTimestampCriteria_DeletesAllMatching()
    {
        (await SnapshotStoreAskAsync(new DeleteSnapshots(Pid, new SnapshotSelectionCriteria(4, SnapshotTimes[3])))).Should().BeOfType<DeleteSnapshotsSuccess>();

        (await LoadSnapshotAsync(new SnapshotSelectionCriteria(3))).Should().BeNull();
        (await LoadSnapshotAsync(new SnapshotSelectionCriteria(4)))!.Metadata.SequenceNr.Should().Be(4);
        (await LoadSnapshotAsync(SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr.Should().Be(5);
    }

    [SkippableFact]
    public async Task DeleteSnapshots_NonMatchingUpperTimestampBound_DeletesNothing()
    {
        await SnapshotStoreAskAsync(new DeleteSnapshots(Pid, new SnapshotSelectionCriteria(3, SnapshotTimes[1].AddMilliseconds(-1))));

        (await LoadSnapshotAsync(new SnapshotSelectionCriteria(3)))!.Metadata.SequenceNr.Should().Be(3);
        (await LoadSnapshotAsync(new SnapshotSelectionCriteria(1)))!.Metadata.SequenceNr.Should().Be(1);
    }

    [SkippableFact]
    public async Task SaveSnapshot_SameSequenceNr_OverwritesTheSnapshot()
    {
        var again = SpecData.Start.AddMinutes(10);
        await SaveSnapshotAsync(new SnapshotMetadata(Pid, 5, again), SpecData.State(2, "again"));

        var loaded = await LoadSnapshotAsync(SnapshotSelectionCriteria.Latest);

        loaded!.Metadata.SequenceNr.Should().Be(5);
        loaded.Metadata.Timestamp.Should().Be(again);
        ((InstanceHistorySnapshot)loaded.Snapshot).Entries.Should().Equal(SpecData.State(2, "again").Entries);
        (await LoadSnapshotAsync(new SnapshotSelectionCriteria(4)))!.Metadata.SequenceNr.Should().Be(4);
    }

    [SkippableFact]
    public async Task SaveSnapshot_LargeSnapshot_RoundTrips()
    {
        var definitions = Enumerable.Range(0, 20_000).Select(i => "{\"name\":\"app-" + i + "\",\"type\":\"exe\",\"details\":{\"path\":\"" + new string('x', 100) + "\"}}").ToList();
        await SaveSnapshotAsync(new SnapshotMetadata(Pid, 6, SpecData.Start.AddHours(1)), new InMemoryAppsPersisted(definitions));

        var loaded = await LoadSnapshotAsync(SnapshotSelectionCriteria.Latest);

        loaded!.Metadata.SequenceNr.Should().Be(6);
        loaded.Snapshot.Should().BeOfType<InMemoryAppsPersisted>().Which.Definitions.Should().Equal(definitions);
    }
}
