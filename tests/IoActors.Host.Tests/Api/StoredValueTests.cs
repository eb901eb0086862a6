using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Api;
using IoActors.Host.Hosting;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Api;

/// <summary>No stored value can make an API answer fail.</summary>
public sealed class StoredValueTests
{
    [Fact]
    public async Task Apps_StoreFileWithALoneSurrogateInADefinition_ListIs200AndTheEventStreamGoesOn()
    {
        using var folder = new HostFolder("ioactors-stored-", "stored-token");
        File.WriteAllText(Path.Combine(folder.Apps, "good.json"), """{ "name": "good", "type": "window", "details": { "url": "https://example.com/good" } }""");
        File.WriteAllText(Path.Combine(folder.Apps, "bad.json"), """{ "name": "odd-title", "type": "window", "title": "x\udc00", "custom": { "note": "\udc00" }, "details": { "url": "https://example.com/odd" } }""");
        File.WriteAllText(Path.Combine(folder.Apps, "other.json"), """{ "name": "other", "type": "window", "details": { "url": "https://example.com/other" } }""");
        await using var host = await PlatformHost.StartAsync(HostConfiguration.Load(folder.Config));
        await host.Platform.WhenBooted.WaitAsync(TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = new Uri(host.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", folder.Token);

        var response = await client.GetAsync("/api/apps");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        using var json = JsonDocument.Parse(text);
        json.RootElement.EnumerateArray().Select(a => a.GetProperty("name").GetString()).Should().Contain(["good", "other"]);
        (await client.GetAsync("/api/apps?store=regular")).StatusCode.Should().Be(HttpStatusCode.OK);

        // The event stream goes on past the event it cannot fully serialize.
        await using var events = await SseReader.OpenAsync(client, "/api/events?types=AppAdded,BootCompleted", lastEventId: 0);
        var seen = new List<string>();
        for (var e = await events.NextAsync(); e.Type != "BootCompleted"; e = await events.NextAsync())
        {
            seen.Add(e.Data);
        }

        seen.Should().Contain(d => d.Contains("\"good\"", StringComparison.Ordinal)).And.Contain(d => d.Contains("\"other\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Serialize_ElementWithLoneSurrogatesAndInvalidUtf8_WritesReplacementCharacters()
    {
        var options = new JsonSerializerOptions();
        PlatformHost.ConfigureJson(options);
        var bytes = Encoding.UTF8.GetBytes("{\"a\\ud800\": [\"x\\udc00y\", \"\\ud83d\\ude00 \\n ok\"], \"b\": \"").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("z\", \"n\": 1.50}")).ToArray();
        using var document = JsonDocument.Parse(bytes);

        var written = JsonSerializer.Serialize(new { definition = document.RootElement }, options);

        using var back = JsonDocument.Parse(written);
        var definition = back.RootElement.GetProperty("definition");
        var list = definition.GetProperty("a\uFFFD");
        list[0].GetString().Should().Be("x\uFFFDy");
        list[1].GetString().Should().Be("\U0001F600 \n ok");
        definition.GetProperty("b").GetString().Should().Be("\uFFFDz");
        definition.GetProperty("n").GetRawText().Should().Be("1.50");
    }

    [Fact]
    public void Serialize_ReadableElement_IsCopiedAsWritten()
    {
        var options = new JsonSerializerOptions();
        PlatformHost.ConfigureJson(options);
        var utf8 = Encoding.UTF8.GetBytes("""{"b":1,"a":["\u00e9\n",true,null,{"x":1e3}]}""");
        using var document = JsonDocument.Parse(utf8);
        JsonSerializer.Serialize(document.RootElement, options).Should().Be("""{"b":1,"a":["\u00E9\n",true,null,{"x":1e3}]}""");
        IoActors.Apps.Definitions.JsonRequestText.FindProblem(utf8, document.RootElement).Should().BeNull();
    }
}
