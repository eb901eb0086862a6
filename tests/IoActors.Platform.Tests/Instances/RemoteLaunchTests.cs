using System.IO.Compression;
using System.Text.Json.Nodes;
using FluentAssertions;
using Akka.Actor;
using IoActors.Platform.Instances;
using IoActors.Platform.Tests.Support;
using IoActors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Tests.Instances;

/// <summary>Remote node scripts, zip assets and headless windows served by a real Kestrel server on 127.0.0.1.</summary>
public sealed class RemoteLaunchTests : InstanceTestKit, IAsyncLifetime
{
    private int _flakyHits;
    private TestHttpServer _server = null!;

    public RemoteLaunchTests(ITestOutputHelper output)
        : base(output, virtualTime: false)
    {
    }

    public override async Task InitializeAsync()
    {
        _server = await TestHttpServer.StartAsync(app =>
        {
            app.MapGet("/remote/app.js", () => Results.Text("setTimeout(() => process.exit(7), 10);", "application/javascript"));
            app.MapGet("/assets/good.zip", () => Results.Bytes(Zip(("main.js", "process.exit(3);"), ("sub/readme.txt", "hi")), "application/zip"));
            app.MapGet("/assets/evil.zip", () => Results.Bytes(Zip(("main.js", "process.exit(0);"), ("../evil.txt", "escaped")), "application/zip"));
            app.MapGet("/pages/ok.html", () => Results.Text("<html></html>", "text/html"));
            app.MapGet("/pages/flaky.html", () => Interlocked.Increment(ref _flakyHits) <= 2 ? Results.StatusCode(503) : Results.Text("<html></html>", "text/html"));
            app.MapGet("/pages/down.html", () => Results.StatusCode(500));
        });
    }

    public override async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await base.DisposeAsync();
    }

    private InstanceManagerSettings Settings(string root) => new()
    {
        NodePath = TestScripts.Node,
        RemoteAppsFolder = Path.Combine(root, "remoteApps"),
        CacheFolder = Path.Combine(root, "cache"),
        StopGracePeriod = TimeSpan.FromSeconds(2),
    };

    [Fact]
    public async Task RemoteNode_ServedOverHttp_DownloadedWithHeadersAndRun()
    {
        var root = TempFolder();
        var manager = StartManager(Settings(root));
        var remote = new JsonObject
        {
            ["url"] = _server.Url("/remote/app.js").ToString(),
            ["noCache"] = true,
            ["headers"] = new JsonArray(new JsonObject { ["name"] = "X-Auth", ["value"] = "abc" }),
        };
        var app = TestApps.Of("remote-node", "node", new JsonObject { ["remote"] = remote });
        await StartAsync(manager, new StartInstance(app));
        (await ExpectEventAsync<InstanceStopped>()).Exit!.ExitCode.Should().Be(7);

        var request = _server.Requests.Single(r => r.Path == "/remote/app.js");
        request.Headers["X-Auth"].Should().Be("abc");
        request.Headers["Cache-Control"].Should().Be("no-cache");
        Directory.GetFiles(Path.Combine(root, "cache"), "*.js", SearchOption.AllDirectories).Should().ContainSingle();
    }

    [Fact]
    public async Task RemoteNode_NotFound_StartFailsWithTheStatus()
    {
        var manager = StartManager(Settings(TempFolder()));
        var app = TestApps.Of("remote-404", "node", new JsonObject { ["remote"] = new JsonObject { ["url"] = _server.Url("/remote/missing.js").ToString() } });
        var error = await Assert.ThrowsAsync<InstanceStartException>(() => manager.Ask<InstanceStartResult>(new StartInstance(app), TimeSpan.FromSeconds(10)));
        error.Reason.Should().Contain("/remote/missing.js").And.Contain("404");
    }

    [Fact]
    public async Task Asset_ZipArchive_UnpackedAndAssetLocationExpanded()
    {
        var root = TempFolder();
        var manager = StartManager(Settings(root));
        var app = TestApps.Of("archived", "node", new JsonObject { ["path"] = "$ASSET_LOCATION$/main.js" }, top: t => t["asset"] = new JsonObject { ["src"] = _server.Url("/assets/good.zip").ToString() });
        await StartAsync(manager, new StartInstance(app));
        (await ExpectEventAsync<InstanceStopped>()).Exit!.ExitCode.Should().Be(3);
        File.Exists(Path.Combine(root, "remoteApps", "archived", "sub", "readme.txt")).Should().BeTrue();
    }

    [Fact]
    public async Task Asset_EntryEscapingTheFolder_RejectedAndNothingWritten()
    {
        var root = TempFolder();
        var manager = StartManager(Settings(root));
        var app = TestApps.Of("evil", "node", new JsonObject { ["path"] = "$ASSET_LOCATION$/main.js" }, top: t => t["assets"] = new JsonObject { ["src"] = _server.Url("/assets/evil.zip").ToString() });
        var error = await Assert.ThrowsAsync<InstanceStartException>(() => manager.Ask<InstanceStartResult>(new StartInstance(app), TimeSpan.FromSeconds(10)));
        error.Reason.Should().Contain("rejected").And.Contain("'../evil.txt'");
        File.Exists(Path.Combine(root, "remoteApps", "evil.txt")).Should().BeFalse();
        Directory.Exists(Path.Combine(root, "remoteApps", "evil")).Should().BeFalse("nothing is unpacked from a rejected archive");
        (await ExpectEventAsync<InstanceStartFailed>()).Reason.Should().Be(error.Reason);
    }

    [Fact]
    public async Task Window_UrlLoads_StartsAndStopsOnRequest()
    {
        var manager = StartManager(Settings(TempFolder()));
        var started = await StartAsync(manager, new StartInstance(TestApps.Of("web", "window", new JsonObject { ["url"] = _server.Url("/pages/ok.html").ToString() })));
        started.Instance.ProcessId.Should().BeNull();
        var stopped = await manager.Ask<InstanceStopped>(new StopInstance(started.Instance.Id), TimeSpan.FromSeconds(10));
        stopped.Reason.Should().Be("stopped on request");
    }

    [Fact]
    public async Task Window_LoadFailsTwice_ReloadOptionsRetryUntilLoaded()
    {
        var manager = StartManager(Settings(TempFolder()));
        var details = new JsonObject { ["url"] = _server.Url("/pages/flaky.html").ToString(), ["reloadOptions"] = new JsonObject { ["maxAttempts"] = 3, ["timeout"] = 20 } };
        await StartAsync(manager, new StartInstance(TestApps.Of("flaky-web", "webGroup", details)));
        _flakyHits.Should().Be(3);
    }

    [Fact]
    public async Task Window_LoadKeepsFailing_StartFailsWithTheLastErrorAfterMaxAttempts()
    {
        var manager = StartManager(Settings(TempFolder()));
        var details = new JsonObject { ["url"] = _server.Url("/pages/down.html").ToString(), ["reloadOptions"] = new JsonObject { ["maxAttempts"] = 2, ["timeout"] = 10 } };
        var error = await Assert.ThrowsAsync<InstanceStartException>(() => manager.Ask<InstanceStartResult>(new StartInstance(TestApps.Of("down-web", "window", details)), TimeSpan.FromSeconds(10)));
        error.Reason.Should().Contain("after 3 attempts").And.Contain("HTTP 500");
        _server.Requests.Count(r => r.Path == "/pages/down.html").Should().Be(3);
    }

    [Fact]
    public async Task Window_FileUrlMissing_StartFailsNamingTheFile()
    {
        var manager = StartManager(Settings(TempFolder()));
        var missing = Path.Combine(TempFolder(), "nope.html");
        var error = await Assert.ThrowsAsync<InstanceStartException>(() => manager.Ask<InstanceStartResult>(new StartInstance(TestApps.Of("file-web", "childWindow", new JsonObject { ["url"] = new Uri(missing).AbsoluteUri, ["owner"] = "x" })), TimeSpan.FromSeconds(10)));
        error.Reason.Should().Contain(missing).And.Contain("does not exist");
    }

    [Theory]
    [InlineData("clickonce")]
    [InlineData("citrix")]
    public async Task UnsupportedType_StartFailsNotSupportedOnThisHost(string type)
    {
        var manager = StartManager(Settings(TempFolder()));
        var error = await Assert.ThrowsAsync<InstanceStartException>(() => manager.Ask<InstanceStartResult>(new StartInstance(TestApps.Of("legacy", type, new JsonObject { ["url"] = "https://example.invalid/app", ["name"] = "x" })), TimeSpan.FromSeconds(10)));
        error.Reason.Should().Contain($"type '{type}'").And.Contain("not supported on this host");
    }

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }
        }

        return memory.ToArray();
    }
}
