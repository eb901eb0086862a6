using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Api;

/// <summary>The layouts routes of the real host: save, get, restore, import, the default, and the refusals that name the problem.</summary>
public sealed class LayoutsApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private HttpClient Client => fixture.Client;

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<JsonNode> BodyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        return JsonNode.Parse(text)!;
    }

    [Fact]
    public async Task SaveGetRestoreRemove_RoundTrip()
    {
        var started = await BodyAsync(await Client.PostAsync("/api/instances", Json("""{"app":"echo","context":{"e":1}}""")), HttpStatusCode.Created);

        var saved = await BodyAsync(await Client.PostAsync("/api/layouts", Json("""{"name":"api-layout","metadata":{"by":"api"},"instances":["ID"]}""".Replace("ID", started["id"]!.ToString()))), HttpStatusCode.Created);

        saved["components"]!.AsArray().Should().ContainSingle().Which!["state"]!["context"]!.ToJsonString().Should().Be("""{"e":1}""");
        var got = await BodyAsync(await Client.GetAsync("/api/layouts/Global/api-layout"), HttpStatusCode.OK);
        got["metadata"]!["by"]!.ToString().Should().Be("api");
        var restored = await BodyAsync(await Client.PostAsync("/api/layouts/Global/api-layout/restore", Json("""{"closeRunningInstances":false,"context":{"r":2}}""")), HttpStatusCode.OK);
        restored["status"]!.ToString().Should().Be("Success");
        var instance = restored["started"]!.AsArray().Should().ContainSingle().Subject!;
        instance["appName"]!.ToString().Should().Be("echo");
        instance["context"]!.ToJsonString().Should().Be("""{"e":1,"r":2}""");
        (await Client.DeleteAsync("/api/layouts/Global/api-layout")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Client.GetAsync("/api/layouts/Global/api-layout")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await Client.DeleteAsync($"/api/instances/{instance["id"]}");
        await Client.DeleteAsync($"/api/instances/{started["id"]}");
    }

    [Fact]
    public async Task Import_ThenTheDefault_AndAnInvalidImport_Is400NamingEachProblem()
    {
        await BodyAsync(await Client.PostAsync("/api/layouts/import", Json("""{"layouts":[{"name":"imp-a"},{"name":"imp-w","type":"Workspace"}],"mode":"merge"}""")), HttpStatusCode.OK);
        var chosen = await BodyAsync(await Client.PutAsync("/api/layouts/default", Json("""{"name":"imp-a"}""")), HttpStatusCode.OK);
        chosen["name"]!.ToString().Should().Be("imp-a");
        (await BodyAsync(await Client.GetAsync("/api/layouts/default"), HttpStatusCode.OK))["name"]!.ToString().Should().Be("imp-a");
        (await BodyAsync(await Client.GetAsync("/api/layouts?type=Workspace"), HttpStatusCode.OK)).AsArray().Select(l => l!["name"]!.ToString()).Should().Contain("imp-w").And.NotContain("imp-a");

        var bad = await BodyAsync(await Client.PostAsync("/api/layouts/import", Json("""[{"name":"ok"},{"name":"x","components":[{"application":"a","state":7}]}]""")), HttpStatusCode.BadRequest);

        bad["detail"]!.ToString().Should().Contain("layouts[1] ('x').components[0].state: must be an object, not number");
        (await Client.GetAsync("/api/layouts/Global/ok")).StatusCode.Should().Be(HttpStatusCode.NotFound, "an invalid import changes nothing");
        (await Client.DeleteAsync("/api/layouts/default")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Client.GetAsync("/api/layouts/default")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("POST", "/api/layouts", """{"name":"  "}""", 400, "the name is missing or blank")]
    [InlineData("POST", "/api/layouts", """{"name":"n","context":[1]}""", 400, "context must be a JSON object, not array")]
    [InlineData("POST", "/api/layouts", """{"name":"n","instances":"all"}""", 400, "'instances' must be an array of instance ids")]
    [InlineData("POST", "/api/layouts", """{"name":"n","type":"Workspace"}""", 400, "only Global can")]
    [InlineData("POST", "/api/layouts", "[]", 400, "the body must be an object")]
    [InlineData("POST", "/api/layouts/Global/none/restore", "{}", 404, "No Global layout named 'none' is saved.")]
    [InlineData("DELETE", "/api/layouts/Global/none", null, 404, "No Global layout named 'none' is saved.")]
    [InlineData("PUT", "/api/layouts/default", """{"name":"none"}""", 404, "No Global layout named 'none' is saved.")]
    [InlineData("PUT", "/api/layouts/default", """{"name":1}""", 400, "naming a saved Global layout")]
    [InlineData("POST", "/api/layouts/import", """{"layouts":[],"mode":"wipe"}""", 400, "mode 'wipe' is not one of merge, replace")]
    public async Task BadRequests_AnswerWithAProblemNamingIt(string method, string path, string? body, int status, string detail)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : Json(body) };

        var problem = await BodyAsync(await Client.SendAsync(request), (HttpStatusCode)status);

        problem["detail"]!.ToString().Should().Contain(detail);
    }
}
