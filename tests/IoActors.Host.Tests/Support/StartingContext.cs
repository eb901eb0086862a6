using System.Net;
using System.Text;
using System.Text.Json;
using FluentAssertions;

namespace IoActors.Host.Tests.Support;

/// <summary>Reads the starting context the ctxdump app wrote (it runs, writes it and exits).</summary>
internal static class StartingContext
{
    public static async Task<JsonElement> OfANewInstanceAsync(HostFixture fixture)
    {
        await using var events = await SseReader.OpenAsync(fixture.Client, "/api/events?types=InstanceStopped");
        var start = await fixture.Client.PostAsync("/api/instances", new StringContent("""{ "app": "ctxdump" }""", Encoding.UTF8, "application/json"));
        start.StatusCode.Should().Be(HttpStatusCode.Created);
        (await events.NextAsync()).Data.Should().Contain("ctxdump");
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.Folder, "ctx.json"))).RootElement.Clone();
    }
}
