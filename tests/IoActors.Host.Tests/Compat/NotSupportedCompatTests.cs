using System.Text.Json.Nodes;
using FluentAssertions;
using FluentAssertions.Execution;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Compat;

/// <summary>
/// The real @interopio/desktop client asks for what this host does not have: the feature flags it waits for at
/// initialization are declined at once, and each call fails (the fastest of three tries) within <see cref="CallBound"/> with
/// "not supported by IoActors: &lt;feature&gt;" (themes answer their headless meaning: no themes).
/// </summary>
public sealed class NotSupportedCompatTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The bound on each call (without the platform's answers the client waited 30 to 90 s).</summary>
    private static readonly TimeSpan CallBound = TimeSpan.FromMilliseconds(100);

    /// <summary>The bound on the initialization with channels, activities and full app management (it took 180 to 240 s).</summary>
    private static readonly TimeSpan InitBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task UnsupportedFeatures_FromAPlatformStartedClient_AreDeclinedWithinTheirBounds()
    {
        using var reports = new CompatReports();
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["asker"] = CompatHost.NodeApp("asker", "not-supported.js", reports.Argument("asker")),
        });
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);

        await host.StartInstanceAsync("asker");
        var initialized = await reports["asker"].NextAsync("initialized");
        initialized["ms"]!.GetValue<double>().Should().BeLessThan(InitBound.TotalMilliseconds, "channels, activities and app management are answered at once");
        initialized["activities"]!.GetValue<bool>().Should().BeTrue("the activity domain was joined");

        var results = (await reports["asker"].NextAsync("calls"))["results"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => r["name"]!.ToString());
        using (new AssertionScope())
        {
            foreach (var (name, result) in results)
            {
                result["ms"]!.GetValue<double>().Should().BeLessThan(CallBound.TotalMilliseconds, "{0} is answered at once ({1})", name, result.ToJsonString());
            }

            foreach (var name in new[] { "windows.open", "displays.getAll", "displays.getMousePosition", "hotkeys.register", "themes.select", "cookies.get", "appManager.getBranches", "appManager.currentUser", "appManager.canI", "channels.add" })
            {
                results[name]["error"]?.ToString().Should().StartWith($"not supported by IoActors: {name}", "{0} fails naming the feature", name);
            }

            results["activities.register"]["error"]?.ToString().Should().StartWith("not supported by IoActors: activity");
            results["themes.list"]["error"].Should().BeNull();
            results["themes.list"]["value"]!.AsArray().Should().BeEmpty("there are no themes on this host");
            results["themes.getCurrent"]["error"].Should().BeNull();
            results["themes.getCurrent"]["value"].Should().BeNull("no theme is selected");
        }
    }
}
