using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Compat;

/// <summary>
/// The real @interopio/desktop client, in a node app the real platform starts, uses io.prefs: its own app's and another
/// app's preferences, per user, bounded in bytes, kept across a platform restart.
/// </summary>
public sealed class PreferencesCompatTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Prefs_FromAPlatformStartedClient_GetSetUpdateSubscribeAndClearWork()
    {
        using var reports = new CompatReports();
        await using var host = await CompatHost.StartAsync(
            new Dictionary<string, string> { ["prefs"] = CompatHost.NodeApp("prefs", "prefs.js", "--raise-intent " + reports.Argument("prefs")) },
            "ioactors.preferences.maxBytesPerApp = 4KiB");
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        await host.StartInstanceAsync("prefs");
        var report = reports["prefs"];

        var initial = await report.NextAsync("initial");
        initial["prefs"]!["app"]!.ToString().Should().Be("prefs", "get() without an app reads the current app's");
        initial["prefs"]!["data"]!.AsObject().Should().BeEmpty("nothing is stored yet");
        var user = initial["user"]!.ToString();
        user.Should().NotBeNullOrEmpty();

        var seen = (await report.NextAsync("subscribed"))["seen"]!.AsArray().Select(d => d!.ToJsonString()).ToList();
        seen.First().Should().Be("{}", "subscribe calls back at once with the current preferences");
        seen.Should().Contain("""{"a":1,"b":{"c":2}}""", "set() replaced them");
        seen.Last().Should().Be("""{"a":1,"b":{"e":4},"d":3}""", "update() merged the top-level properties");
        var mine = (await report.NextAsync("mine"))["prefs"]!;
        mine["data"]!.ToJsonString().Should().Be("""{"a":1,"b":{"e":4},"d":3}""");
        mine["lastUpdateIsDate"]!.GetValue<bool>().Should().BeTrue("lastUpdate reaches the client as a Date");

        (await report.NextAsync("other"))["prefs"]!["data"]!.ToJsonString().Should().Be("""{"x":"y"}""", "setFor() stores another app's");
        (await report.NextAsync("all"))["all"]!.AsArray().Select(p => p!["app"]!.ToString()).Should().Equal("other-app", "prefs");
        var cleared = await report.NextAsync("cleared");
        cleared["prefs"]!["data"]!.AsObject().Should().BeEmpty("clearFor() removed them");
        cleared["apps"]!.AsArray().Select(a => a!.ToString()).Should().Equal("prefs");

        var tooLarge = (await report.NextAsync("too-large"))["error"]!.ToString();
        tooLarge.Should().Contain("'big-app'").And.Contain("4096 bytes").And.Contain("ioactors.preferences.maxBytesPerApp");

        var raised = await report.NextAsync("raised");
        raised["error"].Should().BeNull();
        raised["result"]!["handled"]!["n"]!.GetValue<int>().Should().Be(1);
        raised["elapsedMs"]!.GetValue<long>().Should().BeLessThan(10_000, "raise() without a target reads the caller's prefs (a remembered handler) first, and T42.Prefs.Get answers at once instead of after the client's 90 s wait");

        // The platform's own API sees what the client stored, under the user the client acts for.
        var stored = await host.Host.Platform.Preferences.GetAsync(user, "prefs");
        stored.Data.GetRawText().Should().Be("""{"a":1,"b":{"e":4},"d":3}""");
        (await host.Host.Platform.Preferences.GetAllAsync(user)).Select(p => p.App).Should().Equal("prefs");
        (await host.Host.Platform.Preferences.GetAllAsync(user + "-someone-else")).Should().BeEmpty("preferences are per user");
        await report.NextAsync("done");
    }

    [Fact]
    public async Task Prefs_AfterAPlatformRestart_AreStillThere()
    {
        using var reports = new CompatReports();
        var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["prefs"] = CompatHost.NodeApp("prefs", "prefs.js", reports.Argument("prefs")),
            ["reader"] = CompatHost.NodeApp("reader", "prefs.js", "--read=prefs " + reports.Argument("reader")),
        });
        try
        {
            await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
            await host.StartInstanceAsync("prefs");
            await reports["prefs"].NextAsync("done");

            host = await host.RestartAsync();
            await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
            await host.StartInstanceAsync("reader");
            var read = await reports["reader"].NextAsync("read");
            read["prefs"]!["data"]!.ToJsonString().Should().Be("""{"a":1,"b":{"e":4},"d":3}""", "the journal kept them across the restart");
            read["prefs"]!["lastUpdateIsDate"]!.GetValue<bool>().Should().BeTrue();
            read["all"]!.AsArray().Select(p => p!["app"]!.ToString()).Should().Equal(["big-app", "prefs"], "within the default limit the large set was stored too");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
