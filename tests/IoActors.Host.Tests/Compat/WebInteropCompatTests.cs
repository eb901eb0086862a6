using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Compat;

/// <summary>
/// A plain io.Connect web page (tests/compat/web/interop-app.html, the real @interopio/desktop browser bundle) in a
/// real Chromium as an instance of the real host: <c>await IODesktop()</c> connects as the instance its
/// <c>window.glue42gd</c> names, and the interop method it registers changes its document title when invoked.
/// </summary>
public sealed class WebInteropCompatTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task APage_ConnectsAsItsInstance_AndItsMethodSetsTheTitle()
    {
        await using var browser = await CompatBrowser.StartAsync();
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["interop-app"] = new JsonObject
            {
                ["name"] = "interop-app",
                ["title"] = "Interop app",
                ["type"] = "window",
                ["details"] = new JsonObject { ["url"] = browser.PageUrl("interop-app.html").ToString() },
            }.ToJsonString(),
        });
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        var id = await host.StartInstanceAsync("interop-app");
        var page = await browser.OpenAsync(host, id, "interop-app", "interop-app.html");

        var connected = await page.NextAsync("connected");
        connected["instance"]!.ToString().Should().Be(id);
        connected["application"]!.ToString().Should().Be("interop-app");
        (await page.NextAsync("registered"))["method"]!.ToString().Should().Be("Compat.SetTitle");
        var peer = (await host.Gateway.GetPeersAsync()).Should().ContainSingle(p => p.InstanceId == id, "the page's connection is tied to its instance").Subject;
        peer.Application.Should().Be("interop-app");

        var set = await host.Gateway.Server.InvokePeerAsync(peer.PeerId, "Compat.SetTitle", new JsonObject { ["title"] = "Hello from C#" }, Timeout);
        set!.Succeeded.Should().BeTrue(set.Error);
        set.Result!["title"]!.ToString().Should().Be("Hello from C#");
        set.Result["instance"]!.ToString().Should().Be(id);
        (await page.TitleAsync()).Should().Be("Hello from C#");

        var wrong = await host.Gateway.Server.InvokePeerAsync(peer.PeerId, "Compat.SetTitle", new JsonObject { ["title"] = 5 }, Timeout);
        wrong!.Succeeded.Should().BeFalse();
        wrong.Error.Should().Contain("\"title\" must be a string").And.Contain("5");
        (await page.TitleAsync()).Should().Be("Hello from C#");
    }
}
