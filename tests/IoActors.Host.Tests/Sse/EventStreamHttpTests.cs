using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Sse;

public sealed class EventStreamHttpTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Events_FromTheStart_ShowTheBootInOrder()
    {
        await using var stream = await SseReader.OpenAsync(fixture.Client, "/api/events?types=Boot*,StageStarted,StageCompleted", lastEventId: 0);
        var types = new List<string>();
        while (!types.Contains("BootCompleted"))
        {
            types.Add((await stream.NextAsync()).Type);
        }

        types.First().Should().Be("BootStarted");
        types.IndexOf("StageStarted").Should().BeGreaterThan(0);
        types.Should().ContainInOrder("BootStarted", "StageStarted", "StageCompleted", "BootCompleted");
    }

    [Fact]
    public async Task Events_InstanceStartAndStop_AreStreamedAndResumable()
    {
        await using var stream = await SseReader.OpenAsync(fixture.Client, "/api/events?types=InstanceStarted,InstanceStopped");
        var start = await fixture.Client.PostAsync("/api/instances", new StringContent("""{ "app": "echo" }""", Encoding.UTF8, "application/json"));
        var id = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var started = await stream.NextAsync(e => e.Data.Contains(id!, StringComparison.Ordinal));
        started.Type.Should().Be("InstanceStarted");
        (await fixture.Client.PostAsync($"/api/instances/{id}/stop", null)).EnsureSuccessStatusCode();
        var stopped = await stream.NextAsync();
        stopped.Type.Should().Be("InstanceStopped");
        stopped.Data.Should().Contain(id);

        // Resume after the start: the stop comes again, nothing before it.
        await using var resumed = await SseReader.OpenAsync(fixture.Client, "/api/events?types=InstanceStarted,InstanceStopped", lastEventId: started.Id);
        var again = await resumed.NextAsync();
        again.Id.Should().Be(stopped.Id);
        again.Type.Should().Be("InstanceStopped");
    }

    [Fact]
    public async Task Events_WithoutToken_Is401()
    {
        using var anonymous = fixture.NewClient(null);
        (await anonymous.GetAsync("/api/events")).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Events_BadLastEventId_Is400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Add("Last-Event-ID", "abc");
        var response = await fixture.Client.SendAsync(request);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Events_Replayed_CarryTheTimeTheyWerePublished()
    {
        var report = JsonDocument.Parse(await fixture.Client.GetStringAsync("/api/boot")).RootElement;
        var bootStarted = report.GetProperty("startedAt").GetDateTimeOffset();
        await using var stream = await SseReader.OpenAsync(fixture.Client, "/api/events?types=BootStarted,BootCompleted", lastEventId: 0);
        var started = await stream.NextAsync();
        var completed = await stream.NextAsync();

        var startedAt = JsonDocument.Parse(started.Data).RootElement.GetProperty("time").GetDateTimeOffset();
        var completedAt = JsonDocument.Parse(completed.Data).RootElement.GetProperty("time").GetDateTimeOffset();
        startedAt.Should().BeCloseTo(bootStarted, TimeSpan.FromSeconds(5), "the time is when the boot started, not when the event was replayed");
        completedAt.Should().BeOnOrAfter(startedAt);
        startedAt.Offset.Should().Be(TimeSpan.Zero);
    }
}
