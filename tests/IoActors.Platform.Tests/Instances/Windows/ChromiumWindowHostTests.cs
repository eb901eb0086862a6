using System.Diagnostics;
using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Platform.Instances;
using IoActors.Platform.Instances.Windows;
using IoActors.Testing;
using Xunit;

namespace IoActors.Platform.Tests.Instances.Windows;

/// <summary>The Chromium window host on a real headless Chromium, pages served by a real Kestrel.</summary>
public sealed class ChromiumWindowHostTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private TestPages _pages = null!;

    public async Task InitializeAsync() => _pages = await TestPages.StartAsync();

    public async Task DisposeAsync() => await _pages.DisposeAsync();

    [SkippableFact]
    public async Task Open_LoadsTheUrlInAPageTarget_AndStopClosesIt()
    {
        await using var sut = new HostUnderTest();
        var removed = new TaskCompletionSource<PlatformWindowEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        sut.Host.Changed += e =>
        {
            if (e.Change == PlatformWindowChange.Removed)
            {
                removed.TrySetResult(e);
            }
        };
        var url = _pages.Base + "/page?title=One";
        var window = await sut.OpenAsync(HostUnderTest.Window("one", url));

        window.Page.Url.Should().Be(url);
        (await window.Page.EvaluateExpressionAsync<string>("document.body.textContent")).Should().Be("hello One");
        sut.Host.List().Should().ContainSingle(w => w.Id == window.Id);
        sut.Host.Find(window.Id).Should().BeSameAs(window);
        (await window.Page.Browser.PagesAsync()).Should().Contain(window.Page);

        window.RequestStop();
        (await window.Exited.WaitAsync(Wait)).Description.Should().Be("window closed");
        (await removed.Task.WaitAsync(Wait)).Window.Id.Should().Be(window.Id);
        window.Page.IsClosed.Should().BeTrue();
        sut.Host.Find(window.Id).Should().BeNull();
    }

    [SkippableFact]
    public async Task Preload_DefinesGlue42gd_BeforeThePageScripts()
    {
        await using var sut = new HostUnderTest();
        var window = await sut.OpenAsync(HostUnderTest.Window("gd", _pages.Base + "/page?title=gd"), "gd-1", """{"instanceId":"gd-1","gwURL":"ws://127.0.0.1:1/gw","applicationConfig":{"name":"gd"}}""");
        (await window.Page.EvaluateExpressionAsync<string>("window.iodesktop === window.glue42gd ? window.glue42gd.windowId + '|' + window.glue42gd.gwURL + '|' + window.glue42gd.applicationName : 'no'"))
            .Should().Be("gd-1|ws://127.0.0.1:1/gw|gd");
    }

    [SkippableFact]
    public async Task InitialBounds_AreApplied_AndMoveResizeChangesThem()
    {
        await using var sut = new HostUnderTest();
        var window = await sut.OpenAsync(HostUnderTest.Window("bounds", _pages.Base + "/page?title=b", d =>
        {
            d["left"] = 30;
            d["top"] = 40;
            d["width"] = 640;
            d["height"] = 480;
        }));
        window.Bounds.Should().Be(new WindowBounds(30, 40, 640, 480));
        (await window.Page.EvaluateExpressionAsync<int>("window.outerWidth")).Should().Be(640);

        var moved = await window.MoveResizeAsync(50, null, 800, null);
        moved.Should().Be(new WindowBounds(50, 40, 800, 480));
    }

    [SkippableFact]
    public async Task Placement_PositionsTheWindowOnTheBrowsersScreen()
    {
        await using var sut = new HostUnderTest();
        var window = await sut.OpenAsync(HostUnderTest.Window("placed", _pages.Base + "/page?title=p", d => d["placement"] = new JsonObject
        {
            ["snapped"] = true,
            ["verticalAlignment"] = "top",
            ["horizontalAlignment"] = "center",
            ["height"] = 200,
            ["width"] = "50%",
            ["top"] = 10,
        }));
        var screen = await window.Page.EvaluateExpressionAsync<int[]>("[screen.availLeft || 0, screen.availTop || 0, screen.availWidth, screen.availHeight]");
        var width = (int)Math.Round(screen[2] * 0.5);
        window.Bounds.Should().Be(new WindowBounds(screen[0] + ((screen[2] - width) / 2), screen[1] + 10, width, 200));
    }

    [SkippableFact]
    public async Task Hidden_WindowIsNotVisible_AndShowIsRefusedHeadless()
    {
        await using var sut = new HostUnderTest();
        var window = await sut.OpenAsync(HostUnderTest.Window("hidden", _pages.Base + "/page?title=h", d => d["hidden"] = true));
        window.IsVisible.Should().BeFalse();
        var show = () => window.ShowAsync();
        (await show.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*not possible: the browser runs headless*");
    }

    [SkippableFact]
    public async Task Title_FollowsDocumentTitle()
    {
        await using var sut = new HostUnderTest();
        var titles = new List<string>();
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var window = await sut.OpenAsync(HostUnderTest.Window("titled", _pages.Base + "/page?title=First"));
        window.OnTitleChanged(t =>
        {
            lock (titles)
            {
                titles.Add(t);
            }

            if (t == "Second")
            {
                second.TrySetResult();
            }
        });
        window.Title.Should().Be("First");
        await window.Page.EvaluateExpressionAsync("document.title = 'Second'");
        await second.Task.WaitAsync(Wait);
        window.Title.Should().Be("Second");
    }

    [SkippableFact]
    public async Task ATitleTheDocumentSetBeforeTheInstanceListened_IsReportedWhenItAttaches()
    {
        await using var sut = new HostUnderTest();
        var window = await sut.OpenAsync(HostUnderTest.Window("early", _pages.Base + "/page?title=Early", title: "Instance title"));
        var reported = new List<string>();
        window.OnTitleChanged(reported.Add);
        reported.Should().Equal("Early");
    }

    [SkippableFact]
    public async Task PreserveCustomTitle_ACustomTitleWinsOverLaterDocumentTitles()
    {
        await using var sut = new HostUnderTest();
        var window = await sut.OpenAsync(HostUnderTest.Window("custom", _pages.Base + "/page?title=First", d => d["syncTitleWithDocumentTitle"] = "preserveCustomTitle"));
        window.Title.Should().Be("First");
        await window.SetTitleAsync("Custom");

        // The binding call is answered after the host handled it: the observer's report of "Later" came before ours.
        await window.Page.EvaluateExpressionAsync($"document.title = 'Later'; new Promise(r => setTimeout(r, 0)).then(() => window.{WindowPreload.TitleBinding}(document.title))");
        window.Title.Should().Be("Custom");
    }

    [SkippableFact]
    public async Task SyncOff_TitleStaysTheInstances()
    {
        await using var sut = new HostUnderTest();
        var window = await sut.OpenAsync(HostUnderTest.Window("nosync", _pages.Base + "/page?title=Doc", d => d["syncTitleWithDocumentTitle"] = false, title: "Mine"));
        await window.Page.EvaluateExpressionAsync("document.title = 'Other'; 1");
        (await window.Page.EvaluateExpressionAsync<string>($"typeof window.{WindowPreload.TitleBinding}")).Should().Be("function");
        window.Title.Should().Be("Mine");
    }

    [SkippableFact]
    public async Task ReloadOptions_ALoadFailingTwiceThenSucceeding_Opens()
    {
        await using var sut = new HostUnderTest();
        var key = Guid.NewGuid().ToString("N");
        var window = await sut.OpenAsync(HostUnderTest.Window("flaky", $"{_pages.Base}/flaky/{key}?fails=2", d => d["reloadOptions"] = new JsonObject { ["maxAttempts"] = 2, ["timeout"] = 50 }));
        _pages.Hits(key).Should().Be(3);
        (await window.Page.EvaluateExpressionAsync<string>("document.body.textContent")).Should().Be("ok");
    }

    [SkippableFact]
    public async Task ReloadOptions_FailingBeyondMaxAttempts_FailsTheStartWithTheLastError()
    {
        await using var sut = new HostUnderTest();
        var open = () => sut.OpenAsync(HostUnderTest.Window("failing", _pages.Base + "/fail", d => d["reloadOptions"] = new JsonObject { ["maxAttempts"] = 1, ["timeout"] = 20 }));
        (await open.Should().ThrowAsync<LaunchException>()).WithMessage("*failing*loading*/fail failed after 2 attempts: HTTP 500*");
        sut.Host.List().Should().BeEmpty();
    }

    [SkippableFact]
    public async Task ARendererCrash_IsReloaded()
    {
        await using var sut = new HostUnderTest();
        var window = await sut.OpenAsync(HostUnderTest.Window("crashy", _pages.Base + "/page?title=c", d => d["reloadOptions"] = new JsonObject { ["maxAttempts"] = 1, ["timeout"] = 20 }));
        var reloads = Reloads(sut, window.Id);
        _ = window.Page.Client.SendAsync("Page.crash").ContinueWith(_ => { }, TaskScheduler.Default);
        await reloads.ReadAsync().AsTask().WaitAsync(Wait);
        (await window.Page.EvaluateExpressionAsync<string>("document.body.textContent")).Should().Be("hello c");
        window.Exited.IsCompleted.Should().BeFalse();
    }

    [SkippableFact]
    public async Task AnUnresponsivePage_IsReloaded()
    {
        await using var sut = new HostUnderTest();
        var window = await sut.OpenAsync(HostUnderTest.Window("hung", _pages.Base + "/page?title=h", d => d["reloadOptions"] = new JsonObject { ["maxAttempts"] = 1, ["timeout"] = 300 }));
        var reloads = Reloads(sut, window.Id);
        await window.Page.EvaluateExpressionAsync("setTimeout(() => { for (;;) { } }, 0); 1");
        await reloads.ReadAsync().AsTask().WaitAsync(Wait);
        (await window.Page.EvaluateExpressionAsync<string>("document.body.textContent")).Should().Be("hello h");
        window.Exited.IsCompleted.Should().BeFalse();
    }

    [SkippableFact]
    public async Task AReloadedPageThatStaysUp_GetsEveryAttemptAgainAtItsNextCrash()
    {
        await using var sut = new HostUnderTest();
        sut.Host.ProbeInterval = TimeSpan.FromMilliseconds(200);
        var window = await sut.OpenAsync(HostUnderTest.Window("crashy3", _pages.Base + "/page?title=c", d => d["reloadOptions"] = new JsonObject { ["maxAttempts"] = 1, ["timeout"] = 20 }));
        var reloads = Reloads(sut, window.Id);
        var reset = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sut.Host.AttemptsReset += w =>
        {
            if (w.Id == window.Id)
            {
                reset.TrySetResult();
            }
        };

        _ = window.Page.Client.SendAsync("Page.crash").ContinueWith(_ => { }, TaskScheduler.Default);
        await reloads.ReadAsync().AsTask().WaitAsync(Wait);
        await reset.Task.WaitAsync(Wait);

        // The one attempt was used by the first crash; the page stayed up since, so the second crash is reloaded too.
        _ = window.Page.Client.SendAsync("Page.crash").ContinueWith(_ => { }, TaskScheduler.Default);
        await reloads.ReadAsync().AsTask().WaitAsync(Wait);
        (await window.Page.EvaluateExpressionAsync<string>("document.body.textContent")).Should().Be("hello c");
        window.Exited.IsCompleted.Should().BeFalse();
    }

    [SkippableFact]
    public async Task ACrashSoonAfterItsReload_UsesUpTheAttempts_AndEndsTheInstance()
    {
        await using var sut = new HostUnderTest();
        var window = await sut.OpenAsync(HostUnderTest.Window("crashloop", _pages.Base + "/page?title=c", d => d["reloadOptions"] = new JsonObject { ["maxAttempts"] = 1, ["timeout"] = 20 }));
        var reloads = Reloads(sut, window.Id);

        _ = window.Page.Client.SendAsync("Page.crash").ContinueWith(_ => { }, TaskScheduler.Default);
        await reloads.ReadAsync().AsTask().WaitAsync(Wait);
        _ = window.Page.Client.SendAsync("Page.crash").ContinueWith(_ => { }, TaskScheduler.Default);
        (await window.Exited.WaitAsync(Wait)).Description.Should().StartWith("renderer crashed");
    }

    [SkippableFact]
    public async Task ACrashBeyondTheAttempts_EndsTheInstance()
    {
        await using var sut = new HostUnderTest();
        var window = await sut.OpenAsync(HostUnderTest.Window("crashy2", _pages.Base + "/page?title=c"));
        _ = window.Page.Client.SendAsync("Page.crash").ContinueWith(_ => { }, TaskScheduler.Default);
        (await window.Exited.WaitAsync(Wait)).Description.Should().StartWith("renderer crashed");
    }

    [SkippableFact]
    public async Task TheBrowserKilled_EndsEveryWindowWithBrowserExited_AndTheNextWindowStartsANewOne()
    {
        await using var sut = new HostUnderTest();
        var a = await sut.OpenAsync(HostUnderTest.Window("a", _pages.Base + "/page?title=a"));
        var b = await sut.OpenAsync(HostUnderTest.Window("b", _pages.Base + "/page?title=b"));
        var pid = sut.Host.BrowserProcessId!.Value;
        using (var process = Process.GetProcessById(pid))
        {
            process.Kill(entireProcessTree: true);
        }

        (await a.Exited.WaitAsync(Wait)).Description.Should().StartWith("browser exited: ");
        (await b.Exited.WaitAsync(Wait)).Description.Should().StartWith("browser exited: ");
        sut.Host.List().Should().BeEmpty();

        var c = await sut.OpenAsync(HostUnderTest.Window("c", _pages.Base + "/page?title=c"));
        sut.Host.BrowserProcessId.Should().NotBe(pid);
        (await c.Page.EvaluateExpressionAsync<string>("document.title")).Should().Be("c");
    }

    [SkippableFact]
    public async Task ZoomDefaultFactor_ChangesTheRendering()
    {
        await using var sut = new HostUnderTest();
        var window = await sut.OpenAsync(HostUnderTest.Window("zoom", _pages.Base + "/page?title=z", d => d["zoom"] = new JsonObject { ["defaultFactor"] = 200 }));
        (await window.Page.EvaluateExpressionAsync<double>("window.devicePixelRatio")).Should().Be(2);
    }

    [SkippableFact]
    public async Task ABlockedNavigation_IsStoppedAndReported()
    {
        await using var sut = new HostUnderTest();
        var blocked = new TaskCompletionSource<BlockedWindowAction>(TaskCreationOptions.RunContinuationsAsynchronously);
        sut.Host.Blocked += b => blocked.TrySetResult(b);
        var window = await sut.OpenAsync(HostUnderTest.Window("nav", _pages.Base + "/page?title=n", d => d["navigation"] = new JsonObject { ["allowed"] = "/page\\?title=ok" }));
        await window.Page.EvaluateExpressionAsync($"location.href = '{_pages.Base}/page?title=elsewhere'; 1");
        var action = await blocked.Task.WaitAsync(Wait);
        action.Should().Be(new BlockedWindowAction(BlockedKind.Navigation, "nav", window.Id, _pages.Base + "/page?title=elsewhere"));
        (await window.Page.EvaluateExpressionAsync<string>("document.title")).Should().Be("n");
    }

    [SkippableFact]
    public async Task ABlockedPopup_IsClosedAndReported()
    {
        await using var sut = new HostUnderTest();
        var blocked = new TaskCompletionSource<BlockedWindowAction>(TaskCreationOptions.RunContinuationsAsynchronously);
        sut.Host.Blocked += b => blocked.TrySetResult(b);
        var window = await sut.OpenAsync(HostUnderTest.Window("pop", _pages.Base + "/page?title=p", d => d["windowOpen"] = new JsonObject { ["allowed"] = "^https://allowed\\.example/" }));
        await window.Page.EvaluateExpressionAsync($"window.open('{_pages.Base}/page?title=popup'); 1");
        var action = await blocked.Task.WaitAsync(Wait);
        action.Kind.Should().Be(BlockedKind.WindowOpen);
        action.Url.Should().Be(_pages.Base + "/page?title=popup");
    }

    [SkippableFact]
    public async Task BadDetails_FailTheStartNamingTheField()
    {
        await using var sut = new HostUnderTest();
        var open = () => sut.OpenAsync(HostUnderTest.Window("bad", _pages.Base + "/page", d =>
        {
            d["width"] = "wide";
            d["zoom"] = new JsonObject { ["defaultFactor"] = 9000 };
            d["navigation"] = new JsonObject { ["allowed"] = "([" };
        }));
        var thrown = await open.Should().ThrowAsync<LaunchException>();
        thrown.WithMessage("*details.width: \"wide\" must be a number*");
        thrown.WithMessage("*details.zoom.defaultFactor: 9000*");
        thrown.WithMessage("*details.navigation.allowed*not a valid regular expression*");
    }

    /// <summary>One item per reload of the window (its URL loaded again after a crash or a hang), armed before the test triggers one.</summary>
    private static System.Threading.Channels.ChannelReader<bool> Reloads(HostUnderTest sut, string windowId)
    {
        var reloads = System.Threading.Channels.Channel.CreateUnbounded<bool>();
        sut.Host.Changed += e =>
        {
            if (e.Change == PlatformWindowChange.Url && e.Window.Id == windowId)
            {
                reloads.Writer.TryWrite(true);
            }
        };
        return reloads.Reader;
    }
}
