using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Compat;

/// <summary>
/// The real @interopio/desktop client, in a node app the real platform starts, uses io.layouts in full mode: save records
/// the running instances (its own with the context its onSaveRequested gave), restore starts them again with their
/// contexts, and list, get, export, rename, import, remove and the default layout work, with the HTTP API seeing the
/// same layouts. Nothing waits for a client timeout.
/// </summary>
public sealed class LayoutsCompatTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.ToString());

    [Fact]
    public async Task Layouts_FromAPlatformStartedClient_SaveRestoreAndManageLayouts()
    {
        using var reports = new CompatReports();
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["helper"] = CompatHost.NodeApp("helper", "connect.js", reports.Argument("helper")),
            ["layouts"] = CompatHost.NodeApp("layouts", "layouts.js", reports.Argument("layouts")),
        });
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        var helper = await host.StartInstanceAsync("helper", new JsonObject { ["h"] = 1 });
        await reports["helper"].NextAsync("connected");
        var me = await host.StartInstanceAsync("layouts");
        var report = reports["layouts"];

        (await report.NextAsync("ready"))["listed"]!.AsArray().Should().BeEmpty();
        var saved = await report.NextAsync("saved");
        saved["elapsedMs"]!.GetValue<long>().Should().BeLessThan(10_000, "save() resolves on the platform's answer and its OnLayoutEvent, not on a timeout");
        var layout = saved["layout"]!;
        layout["name"]!.ToString().Should().Be("L1");
        layout["type"]!.ToString().Should().Be("Global");
        layout["context"]!.ToJsonString().Should().Be("""{"k":1}""");
        layout["metadata"]!.ToJsonString().Should().Be("""{"m":1}""");
        var components = layout["components"]!.AsArray();
        components.Should().HaveCount(2);
        var helperState = components.Single(c => c!["application"]!.ToString() == "helper")!["state"]!;
        helperState["instanceId"]!.ToString().Should().Be(helper);
        helperState["context"]!.ToJsonString().Should().Be("""{"h":1}""", "the helper's start context");
        var myState = components.Single(c => c!["application"]!.ToString() == "layouts")!["state"]!;
        myState["instanceId"]!.ToString().Should().Be(me);
        myState["context"]!.ToJsonString().Should().Be("""{"saved":"mine","layoutName":"L1"}""", "the client's onSaveRequested answer is what is saved for it");
        var listed = await report.NextAsync("listed");
        Strings(listed["listed"]).Should().Equal("Global/L1");
        listed["got"]!["components"]!.AsArray().Should().HaveCount(2);
        var exported = await report.NextAsync("exported");
        Strings(exported["names"]).Should().Equal("Global/L1");
        exported["components"]!.GetValue<int>().Should().Be(2);
        Strings((await report.NextAsync("renamed"))["listed"]).Should().Equal("Global/L2");

        var restored = await report.NextAsync("restored");
        restored["result"]!["status"]!.ToString().Should().Be("Success");
        var started = Strings(restored["result"]!["started"]).ToList();
        started.Should().HaveCount(2).And.NotContain([helper, me], "closeRunningInstances: false starts new instances beside the running ones");
        (await reports["helper"].NextAsync("connected"))["instance"]!.ToString().Should().BeOneOf(started, "the restored helper connects");
        (await reports["layouts-restored"].NextAsync("restored-instance"))["instance"]!.ToString().Should().BeOneOf(started);
        var helpers = JsonNode.Parse(await host.Client.GetStringAsync("/api/instances?app=helper"))!.AsArray();
        helpers.Should().HaveCount(2);
        helpers.Single(i => i!["id"]!.ToString() != helper)!["context"]!.ToJsonString().Should().Be("""{"h":1,"restoredBy":"layouts-test"}""", "the saved context with the restore's context merged over it");

        var imported = await report.NextAsync("imported");
        Strings(imported["all"]).Should().Equal("Global/L2", "Global/imp");
        var badImport = await report.NextAsync("bad-import");
        badImport["error"]!.ToString().Should().Contain("layouts[0].name: is required").And.Contain("nothing was imported");
        Strings(badImport["all"]).Should().Equal("Global/L2", "Global/imp");
        Strings((await report.NextAsync("removed"))["listed"]).Should().Equal("Global/L2");
        (await report.NextAsync("remove-again"))["error"]!.ToString().Should().Contain("No Global layout named 'imp' is saved.");
        var chosen = await report.NextAsync("default");
        chosen["chosen"]!.ToString().Should().Be("L2");
        chosen["cleared"]!.GetValue<bool>().Should().BeTrue();
        chosen["current"]!.ToString().Should().Be("L2", "the last restored layout is the current one");
        var hibernate = await report.NextAsync("hibernate");
        hibernate["error"]!.ToString().Should().Contain("not supported by IoActors: layouts.hibernate");
        hibernate["elapsedMs"]!.GetValue<long>().Should().BeLessThan(1_000);
        await report.NextAsync("done");

        // The HTTP API sees the same layouts.
        var viaApi = JsonNode.Parse(await host.Client.GetStringAsync("/api/layouts"))!.AsArray();
        viaApi.Should().ContainSingle().Which!["name"]!.ToString().Should().Be("L2");
        (await host.Client.GetAsync("/api/layouts/Global/imp")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DefaultLayout_AfterAPlatformRestart_IsKeptAndRestoredOnceBooted()
    {
        using var reports = new CompatReports();
        var host = await CompatHost.StartAsync(new Dictionary<string, string> { ["helper"] = CompatHost.NodeApp("helper", "connect.js", reports.Argument("helper")) });
        try
        {
            await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
            await host.StartInstanceAsync("helper", new JsonObject { ["h"] = 7 });
            await reports["helper"].NextAsync("connected");
            (await host.Client.PostAsync("/api/layouts", Json("""{"name":"at-boot"}"""))).StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
            (await host.Client.PutAsync("/api/layouts/default", Json("""{"name":"at-boot"}"""))).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);

            host = await host.RestartAsync();
            await host.Host.Platform.WhenBooted.WaitAsync(Timeout);

            var connected = await reports["helper"].NextAsync("connected");
            var helpers = JsonNode.Parse(await host.Client.GetStringAsync("/api/instances?app=helper"))!.AsArray();
            helpers.Should().ContainSingle().Which!["id"]!.ToString().Should().Be(connected["instance"]!.ToString(), "the default layout started it once the platform had booted");
            helpers[0]!["context"]!.ToJsonString().Should().Be("""{"h":7}""");
            JsonNode.Parse(await host.Client.GetStringAsync("/api/layouts/default"))!["name"]!.ToString().Should().Be("at-boot", "the journal kept the layout and the choice");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");
}
