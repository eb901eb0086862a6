using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Akka.Actor;
using FluentAssertions;
using IoActors.Platform.Boot;
using IoActors.Platform.Configuration;
using IoActors.Platform.Instances;
using IoActors.Platform.Manager;
using IoActors.Platform.Tests.Support;
using IoActors.Testing;
using Xunit;

namespace IoActors.Platform.Tests.Manager;

/// <summary>
/// The platform's instance and boot events sent to a fake io.Manager (a real Kestrel server) on virtual time: batches and
/// their shape, retries with the same batch id (503, Retry-After, 401 with a new session), a refused batch dropped, the
/// queue's bound while io.Manager is down, the flush at shutdown and its deadline, and nothing when disabled. Every wait
/// is armed on an event the reporter publishes after arming its timer; the clock is then advanced.
/// </summary>
public sealed partial class FleetReporterTests : IAsyncLifetime
{
    private readonly BootHarness _h = new();
    private FakeIoManager _io = null!;

    public async Task InitializeAsync()
    {
        _io = await FakeIoManager.StartAsync();
        _h.UserApp("alpha", "exe", null, autoStart: false);
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await _io.DisposeAsync();
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex IsoUtc();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex TypeName();

    private async Task StartAsync(Action<PlatformOptions>? more = null)
    {
        _h.Start(o =>
        {
            o.Server.Enabled = true;
            o.Server.Url = _io.Url;
            o.Server.Auth.Basic = new BasicAuthOptions { Username = "ann", Password = "secret" };
            o.Server.EnablePersistentCache = false;
            more?.Invoke(o);
        });
        await _h.BootedAsync();

        // The import's requests are over: the session they used is the one the reporter finds.
        await _h.NextAsync<ManagerStateImported>();
    }

    private List<RecordedRequest> EventPosts() => [.. _io.Requests.Where(r => r.Path == "/api/user/events")];

    private static List<string> Types(IEnumerable<JsonObject> events) => [.. events.Select(e => e["type"]!.GetValue<string>())];

    private Task<FleetReporterState> StateAsync() => _h.Platform.Refs.FleetReporter.Ask<FleetReporterState>(GetFleetReporterState.Instance, TimeSpan.FromSeconds(10));

    // Moves time on whenever the reporter armed a batch or retry timer, until io.Manager stored what is expected.
    private async Task DeliverUntilAsync(Func<List<JsonObject>, bool> done, string what)
    {
        while (!done(_io.Events))
        {
            var next = await _h.NextAsync<FleetReporterEvent>(e => e is FleetBatchScheduled or FleetBatchRetrying or FleetBatchSent, $"a batch to deliver {what}");
            switch (next)
            {
                case FleetBatchScheduled scheduled:
                    _h.Clock.Advance(scheduled.Delay);
                    break;
                case FleetBatchRetrying retrying:
                    _h.Clock.Advance(retrying.Delay);
                    break;
            }
        }
    }

    private Task DeliverUntilAsync(string type) => DeliverUntilAsync(events => Types(events).Contains(type), type);

    private async Task<InstanceInfo> StartAndStopAsync()
    {
        var instance = await _h.Platform.AppManager.StartAsync("alpha");
        await _h.Platform.AppManager.StopAsync(instance.Id);

        // The harness sees events through its own subscriber: counted once it has the last one.
        await _h.NextAsync<InstanceStopped>(e => e.InstanceId == instance.Id, $"InstanceStopped({instance.Id})");
        return instance;
    }

    [Fact]
    public async Task Events_ArriveBatched_WithTypeTimeAndTheirFields()
    {
        await StartAsync();
        var instance = await StartAndStopAsync();

        await DeliverUntilAsync("InstanceStopped");

        var posts = EventPosts();
        posts.Should().OnlyContain(r => r.Method == "POST"
            && r.Header("Content-Type") == "application/json"
            && r.Header("serverx-token") == FakeIoManager.Jwt("session-1", "ann")
            && r.Header("Authorization")!.StartsWith("Basic ", StringComparison.Ordinal));
        var batches = _io.EventBatches.ToList();
        batches.Should().HaveCount(posts.Count);
        foreach (var batch in batches)
        {
            batch.Select(p => p.Key).Should().Equal("batch", "events", "dropped");
            batch["batch"]!.GetValue<string>().Length.Should().BeInRange(1, 64);
            batch["dropped"]!.GetValue<long>().Should().Be(0);
            batch["events"]!.AsArray().Count.Should().BeInRange(1, 200);
        }

        batches.Select(b => b["batch"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
        var first = Types(batches[0]["events"]!.AsArray().Select(e => e!.AsObject()));
        first.Should().StartWith("BootStarted").And.Contain(["StoresReady", "StageStarted", "StageCompleted", "IdentityResolved", "BootCompleted"], "the boot's events wait for the same batch");

        var events = _io.Events;
        events.Should().OnlyContain(e => e.Select(p => p.Key).SequenceEqual(new[] { "type", "at", "data" })
            && TypeName().IsMatch(e["type"]!.GetValue<string>())
            && IsoUtc().IsMatch(e["at"]!.GetValue<string>())
            && e["data"] is JsonObject);
        Types(events).Should().ContainInOrder("BootStarted", "BootCompleted", "InstanceStarted", "InstanceStopped");

        var started = events.Single(e => e["type"]!.GetValue<string>() == "InstanceStarted")["data"]!;
        started["instanceId"]!.GetValue<string>().Should().Be(instance.Id);
        started["app"]!.GetValue<string>().Should().Be("alpha");
        started["appType"]!.GetValue<string>().Should().Be("exe");
        ((int?)started["pid"]).Should().Be(instance.ProcessId);
        started["restartCount"]!.GetValue<int>().Should().Be(0);
        started["startedBy"]!["kind"]!.GetValue<string>().Should().Be("application");
        started.AsObject().ContainsKey("context").Should().BeFalse("an instance's context is not sent");

        var stopped = events.Single(e => e["type"]!.GetValue<string>() == "InstanceStopped")["data"]!;
        stopped["instanceId"]!.GetValue<string>().Should().Be(instance.Id);
        stopped["requested"]!.GetValue<bool>().Should().BeTrue();
        stopped["reason"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();

        var stage = events.First(e => e["type"]!.GetValue<string>() == "StageStarted")["data"]!;
        stage["attempt"]!.GetValue<int>().Should().Be(1);
        stage["stage"]!.GetValue<string>().Should().Be("core");
        var booted = events.Single(e => e["type"]!.GetValue<string>() == "BootCompleted")["data"]!;
        booted["attempt"]!.GetValue<int>().Should().Be(1);
        booted["succeeded"]!.GetValue<bool>().Should().BeTrue();
        booted["stages"]!.GetValue<int>().Should().Be(4);
        booted["durationMs"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(0);
        booted["appsNotUp"]!.AsArray().Should().BeEmpty();
        booted.AsObject().ContainsKey("Stages").Should().BeFalse("a boot report goes as its summary");
        events.Single(e => e["type"]!.GetValue<string>() == "BootStarted")["at"]!.GetValue<string>().Should().Be("2000-01-01T00:00:00.000Z", "the time the platform saw it, on its clock");
    }

    [Fact]
    public async Task BatchSize_Reached_TheBatchGoesAtOnce_WithoutWaitingForTheInterval()
    {
        await StartAsync(o => o.Server.Events.BatchSize = 2);

        // No time passes: the boot's events fill batches of two.
        var sent = await _h.NextAsync<FleetBatchSent>();

        sent.Events.Should().Be(2);
        await DeliverUntilAsync("BootCompleted");
        _io.EventBatches.Should().OnlyContain(b => b["events"]!.AsArray().Count <= 2);
    }

    [Fact]
    public async Task Refused503_TheBatchIsRetriedAfterTheBackoff_AndArrivesOnceWithTheSameId()
    {
        _io.EventAnswers.Enqueue((503, null));
        await StartAsync();

        await DeliverUntilAsync("BootCompleted");

        var retrying = _h.Seen<FleetBatchRetrying>().Should().ContainSingle().Subject;
        retrying.Status.Should().Be(503);
        retrying.Cause.Should().Contain("503").And.Contain("the test answers 503");
        retrying.Delay.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(500)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(1), "the first backoff is 1 s, jittered down to half");
        var posts = EventPosts();
        posts.Should().HaveCount(2);
        posts[1].Body.Should().Be(posts[0].Body, "the same batch, with the same id, goes again");
        var stored = _io.EventBatches.Should().ContainSingle().Subject;
        stored["batch"]!.GetValue<string>().Should().Be(retrying.Batch);
        _io.Sessions.Should().Be(1, "a 503 needs no new session");
    }

    [Fact]
    public async Task RetryAfter_IsHonoured_TheBatchWaitsAsLongAsIoManagerAsked()
    {
        _io.EventAnswers.Enqueue((429, 30));
        await StartAsync();
        _h.Clock.Advance((await _h.NextAsync<FleetBatchScheduled>()).Delay);

        var retrying = await _h.NextAsync<FleetBatchRetrying>();
        retrying.Status.Should().Be(429);
        retrying.Delay.Should().Be(TimeSpan.FromSeconds(30), "Retry-After: 30 is longer than the first backoff");

        _h.Clock.Advance(TimeSpan.FromSeconds(29));
        var waiting = await StateAsync();
        waiting.Should().BeEquivalentTo(new { Batch = retrying.Batch, Sending = false, RetryPending = true }, "29 s after the answer the batch still waits");
        EventPosts().Should().HaveCount(1);

        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        (await _h.NextAsync<FleetBatchSent>()).Should().BeEquivalentTo(new { retrying.Batch, Status = 200, Refusal = (string?)null });
        EventPosts().Should().HaveCount(2);
    }

    [Fact]
    public async Task Refused400_TheBatchIsDroppedOnce_AndTheNextGoes()
    {
        _io.EventAnswers.Enqueue((400, null));
        await StartAsync();
        _h.Clock.Advance((await _h.NextAsync<FleetBatchScheduled>()).Delay);

        var refused = await _h.NextAsync<FleetBatchSent>();
        refused.Status.Should().Be(400);
        refused.Refusal.Should().Contain("400").And.Contain("the test answers 400");

        await StartAndStopAsync();
        await DeliverUntilAsync("InstanceStopped");

        EventPosts().Should().HaveCount(2, "the refused batch is not sent again");
        Types(_io.Events).Should().NotContain("BootStarted").And.Contain("InstanceStarted");
        _h.Seen<FleetBatchRetrying>().Should().BeEmpty();
    }

    [Fact]
    public async Task Unauthorized_ANewSessionIsOpened_AndTheSameBatchSentAgain()
    {
        await StartAsync();
        _io.ExpireSession();

        await DeliverUntilAsync("BootCompleted");

        var exchange = _io.Requests.SkipWhile(r => r.Path != "/api/user/events").Select(r => $"{r.Method} {r.Path} {r.Header("serverx-token")}").ToList();
        exchange.Should().Equal(
            $"POST /api/user/events {FakeIoManager.Jwt("session-1", "ann")}",
            "POST /api/user/hello ",
            $"POST /api/user/events {FakeIoManager.Jwt("session-2", "ann")}");
        var posts = EventPosts();
        posts[1].Body.Should().Be(posts[0].Body);
        _io.EventBatches.Should().ContainSingle();
    }

    [Fact]
    public async Task ServerDown_MoreThanMaxQueued_TheOldestAreDroppedAndCounted_AndMemoryStaysBounded()
    {
        await StartAsync(o => o.Server.Events.MaxQueued = 5);
        _io.Down = true;
        _h.Clock.Advance((await _h.NextAsync<FleetBatchScheduled>()).Delay);
        var retrying = await _h.NextAsync<FleetBatchRetrying>();
        retrying.Events.Should().Be(5, "the queue kept the newest five of the boot's events");

        var before = _h.Seen<InstanceEvent>().Count;
        for (var i = 0; i < 20; i++)
        {
            await StartAndStopAsync();
        }

        var produced = _h.Seen<InstanceEvent>().Count - before;
        produced.Should().BeGreaterThanOrEqualTo(40);
        var state = await StateAsync();
        state.Queued.Should().Be(5, "the instance events came while the batch waited");
        state.QueuedBytes.Should().BeLessThan(5 * (FleetEventJson.MaxDataBytes + 200));
        state.Dropped.Should().Be(produced - 5);

        _io.Down = false;
        var published = _h.Seen<BootEvent>().Count + _h.Seen<InstanceEvent>().Count;
        _h.Clock.Advance(retrying.Delay);
        await DeliverUntilAsync(events => events.Count == 10, "the two batches");

        var batches = _io.EventBatches.ToList();
        batches.Should().HaveCount(2);
        batches.Should().OnlyContain(b => b["events"]!.AsArray().Count == 5);
        batches[0]["batch"]!.GetValue<string>().Should().Be(retrying.Batch);
        batches[1]["dropped"]!.GetValue<long>().Should().Be(produced - 5, "the drops since the first batch was taken");
        (batches.Sum(b => b["dropped"]!.GetValue<long>()) + 10).Should().Be(published, "every event is delivered or counted as dropped");
        var newest = _h.Seen<InstanceEvent>().TakeLast(5).Select(e => $"{e.GetType().Name} {e.InstanceId}");
        batches[1]["events"]!.AsArray().Select(e => $"{e!["type"]!.GetValue<string>()} {e["data"]!["instanceId"]!.GetValue<string>()}").Should().Equal(newest, "the oldest were dropped");
    }

    [Fact]
    public async Task Shutdown_FlushesWhatIsQueued_BeforeGoodbye()
    {
        await StartAsync();
        var instance = await _h.Platform.AppManager.StartAsync("alpha");

        // No time passes: the shutdown sends the queue at once.
        await _h.Platform.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        Types(_io.Events).Should().Contain(["BootCompleted", "InstanceStarted", "InstanceStopped"], "the stop at shutdown is flushed too");
        _io.Events.Should().Contain(e => e["type"]!.GetValue<string>() == "InstanceStopped" && e["data"]!["instanceId"]!.GetValue<string>() == instance.Id);
        var requests = _io.Requests.ToList();
        requests.FindIndex(r => r.Path == "/api/user/goodbye").Should().BeGreaterThan(requests.FindLastIndex(r => r.Path == "/api/user/events"));
        (await _h.NextAsync<FleetReportFlushed>()).Should().Be(new FleetReportFlushed(0, false));
    }

    [Fact]
    public async Task Shutdown_IoManagerHangs_TheFlushEndsAtItsDeadline_AndGoodbyeFollows()
    {
        _io.EventAnswers.Enqueue(null);
        await StartAsync();

        var disposing = _h.Platform.DisposeAsync().AsTask();
        var started = await _h.NextAsync<FleetFlushStarted>();
        await _io.WaitForAsync("POST", "/api/user/events");
        started.Deadline.Should().Be(TimeSpan.FromSeconds(2));
        disposing.IsCompleted.Should().BeFalse("the flush waits for the batch in flight until its deadline");

        _h.Clock.Advance(started.Deadline);

        var flushed = await _h.NextAsync<FleetReportFlushed>();
        flushed.TimedOut.Should().BeTrue();
        flushed.Remaining.Should().BePositive();
        await disposing.WaitAsync(TimeSpan.FromSeconds(20));
        _io.Requests.Should().ContainSingle(r => r.Path == "/api/user/goodbye");
        _io.EventBatches.Should().BeEmpty();
    }

    [Fact]
    public async Task Shutdown_IoManagerDown_TheFlushEndsAtTheFirstFailure_WithoutWaitingForTheBackoff()
    {
        await StartAsync();
        _io.Down = true;

        // No time passes at all.
        await _h.Platform.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        var flushed = await _h.NextAsync<FleetReportFlushed>();
        flushed.TimedOut.Should().BeFalse();
        flushed.Remaining.Should().BePositive();
        EventPosts().Should().ContainSingle();
    }

    [Fact]
    public async Task Disabled_NothingIsSent()
    {
        await StartAsync(o => o.Server.Events.Enabled = false);
        await StartAndStopAsync();
        _h.Clock.Advance(TimeSpan.FromSeconds(5));

        _h.Platform.Refs.FleetReporter.Should().Be(ActorRefs.Nobody);
        await _h.Platform.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        _io.Requests.Should().Contain(r => r.Path == "/api/user/goodbye").And.NotContain(r => r.Path == "/api/user/events");
    }

    [Fact]
    public async Task WithoutIoManager_NoReporterRuns()
    {
        _h.Start();
        await _h.BootedAsync();

        _h.Platform.Refs.FleetReporter.Should().Be(ActorRefs.Nobody);
    }
}
