using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using IoActors.Manager.Fleet;
using IoActors.Platform.Persistence;

namespace IoActors.Manager.Tests.Fleet;

/// <summary>POST /user/events: a platform's batch is checked field by field, stored once, and answered after it is stored.</summary>
public sealed class UserEventsTests : IAsyncLifetime
{
    private ManagerHost _host = null!;

    public async Task InitializeAsync() => _host = await ManagerHost.StartAsync(o => o.Limits.MaxRequestBytes = 256 * 1024);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<long> WriterSequenceNrAsync() =>
        await _host.Server.Fleet!.Writer.Ask<long>(GetFleetWriterSequenceNr.Instance, TimeSpan.FromSeconds(10));

    private async Task<Creds> SessionAsync(string machine = "m1")
    {
        var user = await _host.CreateUserAsync();
        var (token, _) = await _host.HelloAsync(user, new { machine = new { name = machine } });
        return Creds.Session(token, user.User);
    }

    public static TheoryData<string, string> BadBatches => new()
    {
        { """{"events":[]}""", "batch: required" },
        { """{"batch":7,"events":[]}""", "batch: 7 must be a string" },
        { """{"batch":"","events":[]}""", "batch: 0 characters" },
        { $$"""{"batch":"{{new string('b', 65)}}","events":[]}""", "batch: 65 characters" },
        { """{"batch":"a\u0001b","events":[]}""", "batch: 'a\\u0001b' holds a control" },
        { """{"batch":"b"}""", "events: required, an array" },
        { """{"batch":"b","events":{}}""", "events: {} must be an array" },
        { """{"batch":"b","events":[{"type":"A","at":"2026-12-02T10:00:00Z"},7]}""", "events[1]: 7 must be an object" },
        { """{"batch":"b","events":[{"at":"2026-12-02T10:00:00Z"}]}""", "events[0].type: required" },
        { """{"batch":"b","events":[{"type":3,"at":"2026-12-02T10:00:00Z"}]}""", "events[0].type: 3 must be a string" },
        { """{"batch":"b","events":[{"type":"","at":"2026-12-02T10:00:00Z"}]}""", "events[0].type: '' must be 1 to 64 characters" },
        { """{"batch":"b","events":[{"type":"A","at":"2026-12-02T10:00:00Z"},{"type":"A","at":"2026-12-02T10:00:00Z"},{"type":"A","at":"2026-12-02T10:00:00Z"},{"type":"has space","at":"2026-12-02T10:00:00Z"}]}""", "events[3].type: 'has space'" },
        { $$"""{"batch":"b","events":[{"type":"{{new string('t', 65)}}","at":"2026-12-02T10:00:00Z"}]}""", "events[0].type: 'ttt" },
        { """{"batch":"b","events":[{"type":"dropped","at":"2026-12-02T10:00:00Z"}]}""", "events[0].type: 'dropped' is reserved" },
        { """{"batch":"b","events":[{"type":"A"}]}""", "events[0].at: required" },
        { """{"batch":"b","events":[{"type":"A","at":"yesterday"}]}""", "events[0].at: \"yesterday\" is not an ISO-8601" },
        { """{"batch":"b","events":[{"type":"A","at":"02/12/2026 10:00"}]}""", "events[0].at: \"02/12/2026 10:00\" is not an ISO-8601" },
        { """{"batch":"b","events":[{"type":"A","at":1764669600}]}""", "events[0].at: 1764669600 must be an ISO-8601" },
        { """{"batch":"b","events":[{"type":"A","at":"2026-12-02T10:00:00Z","data":[1]}]}""", "events[0].data: [1] must be a JSON object" },
        { """{"batch":"b","events":[{"type":"A","at":"2026-12-02T10:00:00Z","data":"x"}]}""", "events[0].data: \"x\" must be a JSON object" },
        { $$$"""{"batch":"b","events":[{"type":"A","at":"2026-12-02T10:00:00Z","data":{"x":"{{{new string('x', 16 * 1024)}}}"}}]}""", "events[0].data: 16392 bytes of JSON; at most 16384" },
        { """{"batch":"b","events":[],"dropped":-1}""", "dropped: -1 must be a non-negative integer" },
        { """{"batch":"b","events":[],"dropped":1.5}""", "dropped: 1.5 must be a non-negative integer" },
        { """{"batch":"b","events":[],"dropped":"2"}""", "dropped: \"2\" must be a non-negative integer" },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task Each_bad_field_is_a_400_naming_it_and_nothing_is_stored(string body, string named)
    {
        var creds = await SessionAsync();
        var before = await WriterSequenceNrAsync();
        var good = """{"type":"Fine","at":"2026-12-02T10:00:00Z","data":{}}""";
        // A good event in front of the bad part: the whole batch is refused.
        var withGood = body.Replace("\"events\":[", "\"events\":[" + good + (body.Contains("\"events\":[]", StringComparison.Ordinal) ? string.Empty : ","), StringComparison.Ordinal);
        var index = System.Text.RegularExpressions.Regex.Match(named, @"events\[(\d+)\]");
        var expected = index.Success ? named.Replace(index.Value, $"events[{int.Parse(index.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1}]", StringComparison.Ordinal) : named;
        await (await _host.PostAsync("/user/events", creds, withGood)).ShouldBeProblemAsync(400, expected, "nothing was stored");
        (await WriterSequenceNrAsync()).Should().Be(before);
    }

    [Fact]
    public async Task More_than_1000_events_or_a_body_over_maxRequestBytes_is_a_413()
    {
        var creds = await SessionAsync();
        var many = FleetPosts.Batch("many", Enumerable.Repeat("A", 1001).ToArray());
        await (await _host.PostAsync("/user/events", creds, many)).ShouldBeProblemAsync(413, "events: 1001 events", "at most 1000");
        var big = new { batch = "big", events = Enumerable.Range(0, 40).Select(i => new { type = "A", at = "2026-12-02T10:00:00Z", data = new { x = new string('x', 8000) } }).ToArray() };
        await (await _host.PostAsync("/user/events", creds, big)).ShouldBeProblemAsync(413, "maxRequestBytes");
        (await _host.PostBatchAsync(creds, FleetPosts.Batch("exactly-1000", Enumerable.Repeat("A", 1000).ToArray()))).Should().Be(1000);
    }

    [Fact]
    public async Task Credentials_are_required()
    {
        await (await _host.PostAsync("/user/events", null, FleetPosts.Batch("b", "A"))).ShouldBeProblemAsync(401);
    }

    [Fact]
    public async Task A_batch_posted_again_is_answered_again_and_stored_once()
    {
        var creds = await SessionAsync();
        var before = await WriterSequenceNrAsync();
        var body = new { batch = "retry-1", events = new[] { new { type = "A", at = "2026-12-02T10:00:00Z" }, new { type = "B", at = "2026-12-02T10:00:01Z" } }, dropped = 5 };
        (await _host.PostBatchAsync(creds, body)).Should().Be(2);
        (await _host.PostBatchAsync(creds, body)).Should().Be(2);
        (await WriterSequenceNrAsync()).Should().Be(before + 3, "two events and the dropped count, once");

        // The same id from another session is another platform's batch.
        var other = await SessionAsync("m2");
        (await _host.PostBatchAsync(other, body)).Should().Be(2);
        (await WriterSequenceNrAsync()).Should().Be(before + 6);

        await using var stream = await SseClient.OpenAsync(_host, "?types=platform.*");
        await _host.PostBatchAsync(creds, FleetPosts.Batch("marker", "Marker"));
        var events = await stream.UntilAsync(e => e.Name == "platform.Marker");
        events.Where(e => e.Data.Str("batch") == "retry-1").Select(e => (e.Name, e.Data.Str("machine")))
            .Should().Equal(("platform.A", "m1"), ("platform.B", "m1"), ("platform.dropped", "m1"), ("platform.A", "m2"), ("platform.B", "m2"), ("platform.dropped", "m2"));
    }

    [Fact]
    public async Task Without_a_session_the_facts_name_the_user_only()
    {
        var user = await _host.CreateUserAsync();
        (await _host.PostBatchAsync(user, FleetPosts.Batch("basic-1", "NoSession"))).Should().Be(1);
        await using var stream = await SseClient.OpenAsync(_host, "?types=platform.NoSession");
        var fact = (await stream.NextAsync()).Data;
        fact.Str("user").Should().Be(user.User);
        fact.TryGetProperty("session", out _).Should().BeFalse();
        fact.TryGetProperty("machine", out _).Should().BeFalse();
        fact.GetProperty("data").GetProperty("i").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task An_empty_batch_is_accepted_and_stores_nothing()
    {
        var creds = await SessionAsync();
        var before = await WriterSequenceNrAsync();
        (await _host.PostBatchAsync(creds, new { batch = "empty", events = Array.Empty<object>() })).Should().Be(0);
        (await WriterSequenceNrAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Data_is_stored_compact_and_served_on_one_line()
    {
        var creds = await SessionAsync();
        var body = "{\"batch\":\"pretty\",\"events\":[{\"type\":\"Pretty\",\"at\":\"2026-12-02T10:00:00+02:00\",\"data\":{\n  \"text\": \"line1\\nline2\",\n  \"n\": [1, 2]\n}}]}";
        (await _host.PostBatchAsync(creds, body)).Should().Be(1);
        await using var stream = await SseClient.OpenAsync(_host, "?types=platform.Pretty");
        var fact = (await stream.NextAsync()).Data;
        fact.GetProperty("data").Str("text").Should().Be("line1\nline2");
        fact.GetProperty("data").GetProperty("n").GetRawText().Should().Be("[1,2]");
        fact.Str("at").Should().Be("2026-12-02T10:00:00.0000000+02:00");
    }

    [Fact]
    public async Task The_writer_replays_nothing_at_a_restart_and_continues_its_sequence_numbers()
    {
        var creds = await SessionAsync();
        (await _host.PostBatchAsync(creds, FleetPosts.Batch("before-restart", "A", "B", "C"))).Should().Be(3);
        var before = await WriterSequenceNrAsync();
        before.Should().BeGreaterThanOrEqualTo(3);

        await _host.RestartAsync();

        (await WriterSequenceNrAsync()).Should().Be(before, "the recovery learns the highest sequence number without replaying");
        (await _host.PostBatchAsync(creds, FleetPosts.Batch("after-restart", "D"))).Should().Be(1);
        (await WriterSequenceNrAsync()).Should().Be(before + 1);
        var system = _host.Server.System;
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(PlatformPersistenceConfig.QueryPluginId);
        var stored = await journal.CurrentEventsByPersistenceId(FleetNode.SingleNodeWriterId, 0, long.MaxValue).RunWith(Sink.Seq<EventEnvelope>(), system.Materializer());
        stored.Select(e => e.SequenceNr).Should().Equal(Enumerable.Range(1, (int)before + 1).Select(i => (long)i));
        stored[^1].Event.Should().BeOfType<PlatformEventReported>().Which.Type.Should().Be("D");
    }
}
