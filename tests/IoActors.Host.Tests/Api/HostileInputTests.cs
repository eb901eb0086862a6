using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Api;
using IoActors.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IoActors.Host.Tests.Api;

/// <summary>Bodies and queries the API cannot take: each is a 400 problem naming where, and nothing accepted is lost.</summary>
public sealed class HostileInputTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private HttpClient Client => fixture.Client;

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(params object[] parts)
    {
        var bytes = parts.SelectMany(p => p is string s ? Encoding.UTF8.GetBytes(s) : (byte[])p).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task<string> ProblemDetailAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        using var json = JsonDocument.Parse(text);
        json.RootElement.GetProperty("status").GetInt32().Should().Be((int)status);
        json.RootElement.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        return json.RootElement.GetProperty("detail").GetString()!;
    }

    [Fact]
    public async Task Import_LoneSurrogateInAString_Is400NamingThePathAndTheInMemoryAppsStay()
    {
        (await Client.PostAsync("/api/apps/import?merge=true", Json("""[{ "name": "kept-before-surrogate", "type": "window", "details": { "url": "https://example.com/" } }]""")))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        try
        {
            var response = await Client.PostAsync("/api/apps/import", Json("""[{ "name": "broken", "type": "window", "title": "x\udc00", "details": { "url": "https://example.com/" } }]"""));
            (await ProblemDetailAsync(response, HttpStatusCode.BadRequest)).Should().Be(
                "the request body is not usable JSON at $[0].title (line 1, column 49): the string \"x\\udc00\" cannot be read as text: it holds an unpaired surrogate escape \\udc00 (a low surrogate without a high one before it)");
            (await Client.GetAsync("/api/apps/kept-before-surrogate")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await Client.GetAsync("/api/apps/broken")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        finally
        {
            await Client.DeleteAsync("/api/apps/kept-before-surrogate");
        }
    }

    [Fact]
    public async Task Import_InvalidUtf8InAString_Is400NamingThePath()
    {
        var response = await Client.PostAsync("/api/apps/import", Bytes("{\"apps\": [{\"name\": \"bad\", \"type\": \"window\", \"details\": {\"url\": \"", new byte[] { 0xFF, 0xFE }, "\"}}]}"));
        (await ProblemDetailAsync(response, HttpStatusCode.BadRequest)).Should().Be(
            "the request body is not usable JSON at $.apps[0].details.url (line 1, column 64): the string \"\\xFF\\xFE\" cannot be read as text: it holds bytes that are not UTF-8 (0xFF at byte 1 of the string)");
    }

    [Fact]
    public async Task Import_KeyGivenTwice_Is400NamingThePath()
    {
        var response = await Client.PostAsync("/api/apps/import", Json("""{ "name": "twice", "type": "window", "details": { "url": "https://a/", "url": "https://b/" } }"""));
        (await ProblemDetailAsync(response, HttpStatusCode.BadRequest)).Should().Be(
            "the request body is not usable JSON at $.details.url (line 1, column 72): the key \"url\" appears more than once in this object (first at line 1, column 51)");
    }

    [Fact]
    public async Task Import_UnreadableKey_Is400NamingTheKeyAsWritten()
    {
        var response = await Client.PostAsync("/api/apps/import", Json("""{ "name": "key", "type": "window", "details": { "url": "https://a/", "\ud800x": 1 } }"""));
        (await ProblemDetailAsync(response, HttpStatusCode.BadRequest)).Should().Be(
            "the request body is not usable JSON at $.details['\\ud800x'] (line 1, column 70): the property name \"\\ud800x\" cannot be read as text: it holds an unpaired surrogate escape \\ud800 (a high surrogate without a low one after it)");
    }

    [Fact]
    public async Task Instances_StartWithUnreadableApp_Is400NamingTheField()
    {
        var surrogate = await Client.PostAsync("/api/instances", Json("""{ "app": "\udc00" }"""));
        (await ProblemDetailAsync(surrogate, HttpStatusCode.BadRequest)).Should().Contain("$.app");
        var utf8 = await Client.PostAsync("/api/instances", Bytes("{ \"app\": \"", new byte[] { 0xC3, 0x28 }, "\" }"));
        (await ProblemDetailAsync(utf8, HttpStatusCode.BadRequest)).Should().Contain("$.app");
    }

    [Fact]
    public async Task Login_WithUnreadableUser_Is400NamingTheField()
    {
        var surrogate = await Client.PostAsync("/api/login", Json("""{ "user": "a\ud800" }"""));
        (await ProblemDetailAsync(surrogate, HttpStatusCode.BadRequest)).Should().Contain("$.user");
        var utf8 = await Client.PostAsync("/api/login", Bytes("{ \"user\": \"", new byte[] { 0xED, 0xA0, 0x80 }, "\" }"));
        (await ProblemDetailAsync(utf8, HttpStatusCode.BadRequest)).Should().Contain("$.user");
    }

    [Fact]
    public async Task Errors_UnknownRouteWrongMethodAndUnbindableQuery_AreProblemDetails()
    {
        (await ProblemDetailAsync(await Client.GetAsync("/api/no-such-route"), HttpStatusCode.NotFound)).Should().Contain("/api/no-such-route");
        (await ProblemDetailAsync(await Client.DeleteAsync("/api/boot"), HttpStatusCode.MethodNotAllowed)).Should().Contain("DELETE");
        var unbindable = await Client.PostAsync("/api/apps/import?merge=maybe", Json("[]"));
        (await ProblemDetailAsync(unbindable, HttpStatusCode.BadRequest)).Should().Contain("merge").And.Contain("maybe");
        (await ProblemDetailAsync(await Client.GetAsync("/nothing-here"), HttpStatusCode.NotFound)).Should().Contain("/nothing-here");
    }

    [Fact]
    public async Task Apps_ManyDistinctStoreFilters_KeepTheResponseCacheBounded()
    {
        var cache = fixture.Host.App.Services.GetRequiredService<AppsResponseCache>();
        foreach (var filter in new[] { "regular", "SYSTEM", "inMemory" })
        {
            (await Client.GetAsync($"/api/apps?store={filter}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        for (var i = 0; i < 200; i++)
        {
            (await Client.GetAsync($"/api/apps?store=source-{i}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        cache.Count.Should().BeLessThanOrEqualTo(4, "only the whole list and the three store kinds are cached");
    }

    [Fact]
    public async Task Apps_FilterWithQuotesAndLineBreaks_Is200WithAHeaderSafeEntityTag()
    {
        var response = await Client.GetAsync("/api/apps?store=" + Uri.EscapeDataString("a\"b\r\nX-Evil: 1"));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.ETag.Should().NotBeNull();
        response.Headers.Contains("X-Evil").Should().BeFalse();
    }
}
