using Akka.Persistence;
using FluentAssertions;
using IoActors.Platform.Configuration;
using IoActors.Platform.Hosting;
using IoActors.Platform.Persistence.Tests.Support;
using IoActors.Testing;
using Xunit.Abstractions;

namespace IoActors.Platform.Persistence.Tests.Spec;

/// <summary>
/// The provider-neutral persistence spec, through Akka's journal and snapshot store actors and their protocol (the
/// Akka persistence TCK cases): replay bounds and max count, atomic writes, the highest sequence number and deletes,
/// snapshot selection, and a persistent actor's persist, recovery and snapshot. Each provider runs it in a subclass.
/// </summary>
public abstract partial class PersistenceStoreSpec : PersistenceSpec
{
    protected PersistenceStoreSpec(PlatformOptions options, ITestOutputHelper output)
        : base(options, output)
    {
    }

    // ---- journal: replay ----

    [SkippableFact]
    public async Task Replay_FullRange_ReplaysAllEventsInOrder()
    {
        var (events, highest) = await ReplayAsync(1, long.MaxValue, long.MaxValue);

        events.Select(e => e.SequenceNr).Should().Equal(1, 2, 3, 4, 5);
        events.Select(e => e.Payload).Should().Equal(Enumerable.Range(1, 5).Select(i => SpecData.Event(i)));
        events.Should().OnlyContain(e => e.PersistenceId == Pid && !e.IsDeleted);
        highest.Should().Be(5);
    }

    [SkippableFact]
    public async Task Replay_LowerBound_ReplaysFromIt() =>
        (await SeqsAsync(3, long.MaxValue, long.MaxValue)).Should().Equal(3, 4, 5);

    [SkippableFact]
    public async Task Replay_UpperBound_ReplaysUpToIt() =>
        (await SeqsAsync(1, 3, long.MaxValue)).Should().Equal(1, 2, 3);

    [SkippableFact]
    public async Task Replay_MaxCount_ReplaysAtMostThatMany() =>
        (await SeqsAsync(1, long.MaxValue, 2)).Should().Equal(1, 2);

    [SkippableFact]
    public async Task Replay_LowerAndUpperBound_ReplaysTheRange() =>
        (await SeqsAsync(2, 3, long.MaxValue)).Should().Equal(2, 3);

    [SkippableFact]
    public async Task Replay_BoundsAndMaxCount_ReplaysAtMostMaxOfTheRange() =>
        (await SeqsAsync(2, 5, 3)).Should().Equal(2, 3, 4);

    [SkippableFact]
    public async Task Replay_LowerEqualsUpper_ReplaysSingleEvent()
    {
        var (events, _) = await ReplayAsync(2, 2, long.MaxValue);

        events.Select(e => e.SequenceNr).Should().Equal(2);
        events[0].Payload.Should().Be(SpecData.Event(2));
    }

    [SkippableFact]
    public async Task Replay_MaxCountZero_ReplaysNothingAndTellsTheHighest()
    {
        var (events, highest) = await ReplayAsync(1, long.MaxValue, 0);

        events.Should().BeEmpty();
        highest.Should().Be(5);
    }

    [SkippableFact]
    public async Task Replay_LowerGreaterThanUpper_ReplaysNothing() =>
        (await SeqsAsync(3, 2, long.MaxValue)).Should().BeEmpty();

    [SkippableFact]
    public async Task Replay_LowerAboveHighest_ReplaysNothing() =>
        (await SeqsAsync(6, long.MaxValue, long.MaxValue)).Should().BeEmpty();

    [SkippableFact]
    public async Task Replay_UnknownPersistenceId_ReplaysNothingWithHighestZero()
    {
        var (events, highest) = await ReplayAsync(1, long.MaxValue, long.MaxValue, "unknown-" + Guid.NewGuid());

        events.Should().BeEmpty();
        highest.Should().Be(0);
    }

    [SkippableFact]
    public async Task Replay_StoredEvent_CarriesTheStableManifestAndATimestamp()
    {
        var (events, _) = await ReplayAsync(1, 1, 1);

        events.Should().ContainSingle().Which.Manifest.Should().Be("ioactors.instance-history-entry.v1");
        events[0].Timestamp.Should().BeGreaterThan(0);
    }

    [SkippableFact]
    public async Task Write_PlatformEvent_IsStoredAsJsonWithTheStableManifestAndTheSerializerId()
    {
        await using var connection = JournalDatabase.From(Options).CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT manifest, identifier, message FROM journal WHERE persistence_id = @pid AND sequence_number = 2";
        var pid = command.CreateParameter();
        pid.ParameterName = "@pid";
        pid.Value = Pid;
        command.Parameters.Add(pid);
        await using var reader = await command.ExecuteReaderAsync();

        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetString(0).Should().Be("ioactors.instance-history-entry.v1");
        reader.GetInt32(1).Should().Be(PlatformEventSerializer.SerializerId);
        var json = System.Text.Encoding.UTF8.GetString((byte[])reader.GetValue(2));
        json.Should().Be("""{"kind":"Started","instanceId":"a-2","appName":"app-a","at":"2026-01-02T03:06:05+00:00","restartCount":2,"reason":"reason a 2"}""");
    }

    // ---- journal: atomic writes ----

    [SkippableFact]
    public async Task Write_MultiEventAtomicWrite_StoresAllEvents()
    {
        var answers = await WriteMessagesAsync(Atomic(Pid, 6, 7, 8));

        answers[0].Should().BeOfType<WriteMessagesSuccessful>();
        answers.Skip(1).Should().HaveCount(3).And.AllBeOfType<WriteMessageSuccess>();
        (await SeqsAsync(6, long.MaxValue, long.MaxValue)).Should().Equal(6, 7, 8);
        (await HighestAsync()).Should().Be(8);
    }

    [SkippableFact]
    public async Task Write_AtomicWriteWhoseLastEventConflicts_WritesNothing()
    {
        await WriteMessagesAsync(Atomic(Repr(Pid, 8, SpecData.Event(8, "first"))));

        var answers = await WriteMessagesAsync(Atomic(Pid, 6, 7, 8));

        answers[0].Should().BeOfType<WriteMessagesFailed>();
        answers.Skip(1).Should().HaveCount(3).And.AllBeOfType<WriteMessageFailure>();
        var (events, _) = await ReplayAsync(6, long.MaxValue, long.MaxValue);
        events.Select(e => e.SequenceNr).Should().Equal(8);
        events[0].Payload.Should().Be(SpecData.Event(8, "first"));
    }

    [SkippableFact]
    public async Task Write_ExistingSequenceNr_FailsAndKeepsTheOriginal()
    {
        var answers = await WriteMessagesAsync(Atomic(Repr(Pid, 3, SpecData.Event(3, "overwrite"))));

        answers[0].Should().BeOfType<WriteMessagesFailed>();
        answers[1].Should().BeOfType<WriteMessageFailure>().Which.Persistent.SequenceNr.Should().Be(3);
        (await ReplayAsync(3, 3, 1)).Events.Single().Payload.Should().Be(SpecData.Event(3));
    }

    [SkippableFact]
    public async Task Write_UnserializableEventInAtomicWrite_RejectsTheWholeWriteAndStoresNothingOfIt()
    {
        var answers = await WriteMessagesAsync(
            Atomic(Repr(Pid, 6, SpecData.Event(6)), Repr(Pid, 7, new UnserializableEvent("x"))),
            Atomic(Pid, 8));

        answers[0].Should().BeOfType<WriteMessagesSuccessful>();
        var rejected = answers.OfType<WriteMessageRejected>().ToList();
        rejected.Select(r => r.Persistent.SequenceNr).Should().Equal(6, 7);
        rejected[0].Cause.Message.Should().Contain(nameof(UnserializableEvent)).And.Contain("no manifest");
        answers.OfType<WriteMessageSuccess>().Select(s => s.Persistent.SequenceNr).Should().Equal(8);
        (await SeqsAsync(6, long.MaxValue, long.MaxValue)).Should().Equal(8);
    }

    // ---- journal: highest sequence number and deletes ----

    [SkippableFact]
    public async Task ReadHighestSequenceNr_AfterWrites_IsTheLastWritten()
    {
        (await HighestAsync()).Should().Be(5);
        (await HighestAsync(from: 3)).Should().Be(5);
    }

    [SkippableFact]
    public async Task ReadHighestSequenceNr_UnknownPersistenceId_IsZero() =>
        (await HighestAsync("unknown-" + Guid.NewGuid())).Should().Be(0);

    [SkippableFact]
    public async Task DeleteTo_Range_DeletedEventsAreNotReplayed()
    {
        (await DeleteToAsync(3)).Should().BeOfType<DeleteMessagesSuccess>().Which.ToSequenceNr.Should().Be(3);

        (await SeqsAsync(1, long.MaxValue, long.MaxValue)).Should().Equal(4, 5);
    }

    [SkippableFact]
    public async Task DeleteTo_Range_KeepsHighestSequenceNr()
    {
        await DeleteToAsync(3);

        (await HighestAsync()).Should().Be(5);
    }

    [SkippableFact]
    public async Task DeleteTo_HighestSequenceNr_KeepsHighestSequenceNr()
    {
        (await DeleteToAsync(5)).Should().BeOfType<DeleteMessagesSuccess>();

        (await SeqsAsync(1, long.MaxValue, long.MaxValue)).Should().BeEmpty();
        (await HighestAsync()).Should().Be(5);
    }

    [SkippableFact]
    public async Task DeleteTo_MaxValue_DeletesAllAndKeepsHighestSequenceNr()
    {
        (await DeleteToAsync(long.MaxValue)).Should().BeOfType<DeleteMessagesSuccess>();

        (await SeqsAsync(1, long.MaxValue, long.MaxValue)).Should().BeEmpty();
        (await HighestAsync()).Should().Be(5);
    }

    [SkippableFact]
    public async Task DeleteTo_ThenWriteNext_ContinuesAfterHighest()
    {
        await DeleteToAsync(long.MaxValue);
        await DeleteToAsync(2); // a second, smaller delete never lowers the kept highest

        await WriteAsync(Pid, 6);

        (await SeqsAsync(1, long.MaxValue, long.MaxValue)).Should().Equal(6);
        (await HighestAsync()).Should().Be(6);
    }
}
