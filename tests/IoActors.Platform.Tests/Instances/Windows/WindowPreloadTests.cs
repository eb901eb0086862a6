using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Platform.Instances.Windows;
using IoActors.Platform.Tests.Support;
using Xunit;

namespace IoActors.Platform.Tests.Instances.Windows;

/// <summary>The window preload evaluated in node against a fake top-level window: the fields @interopio/desktop reads.</summary>
public sealed class WindowPreloadTests
{
    private const string StartingContext = """
        {"applicationName":"clock","instanceId":"inst-7","context":{"tz":"UTC"},"title":"Clock","instanceIndex":1,
         "gwURL":"ws://127.0.0.1:8385/gw","gwToken":"tok-1","applicationConfig":{"name":"clock"},"env":"DEV","region":"EU",
         "note":"</script>\u2028"}
        """;

    [Fact]
    public async Task Script_DefinesGlue42gdAndIodesktop_WithTheFieldsTheLibraryReads()
    {
        var result = await EvaluateAsync(WindowPreload.Script(StartingContext), """
            const gd = window.glue42gd;
            const token = await gd.getGWToken();
            gd.setGWToken("tok-2");
            const token2 = await gd.getGWToken();
            out({
              same: window.iodesktop === gd, gwURL: gd.gwURL, windowId: gd.windowId, appInstanceId: gd.appInstanceId,
              application: gd.application, applicationName: gd.applicationName, appName: gd.appName,
              env: gd.env.env, region: gd.env.region, token, token2, activityInfo: gd.activityInfo === undefined,
              monitors: Array.isArray(gd.monitors), version: window.glueDesktop.version, versionNum: window.glueDesktop.versionNum,
              preload: typeof window.gdPreloadPromise.then, context: gd.startingContext.context.tz, note: gd.startingContext.note,
              info: gd.getWindowInfo("inst-7").id, other: gd.getWindowInfo("x") === undefined
            });
            """);
        result["same"]!.GetValue<bool>().Should().BeTrue();
        result["gwURL"]!.GetValue<string>().Should().Be("ws://127.0.0.1:8385/gw");
        result["windowId"]!.GetValue<string>().Should().Be("inst-7");
        result["appInstanceId"]!.GetValue<string>().Should().Be("inst-7");
        result["application"]!.GetValue<string>().Should().Be("clock");
        result["applicationName"]!.GetValue<string>().Should().Be("clock");
        result["appName"]!.GetValue<string>().Should().Be("clock");
        result["env"]!.GetValue<string>().Should().Be("DEV");
        result["region"]!.GetValue<string>().Should().Be("EU");
        result["token"]!.GetValue<string>().Should().Be("tok-1");
        result["token2"]!.GetValue<string>().Should().Be("tok-2");
        result["activityInfo"]!.GetValue<bool>().Should().BeTrue();
        result["monitors"]!.GetValue<bool>().Should().BeTrue();
        int.Parse(result["version"]!.GetValue<string>().Split('.')[0], System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(3);
        result["versionNum"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(31200);
        result["preload"]!.GetValue<string>().Should().Be("function");
        result["context"]!.GetValue<string>().Should().Be("UTC");
        result["note"]!.GetValue<string>().Should().Be("</script>\u2028");
        result["info"]!.GetValue<string>().Should().Be("inst-7");
        result["other"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Script_InAFrame_DefinesNothing()
    {
        var result = await EvaluateAsync(WindowPreload.Script(StartingContext), "out({ gd: typeof window.glue42gd });", topFrame: false);
        result["gd"]!.GetValue<string>().Should().Be("undefined");
    }

    [Fact]
    public void Script_WithInvalidJson_NamesTheArgument()
    {
        var act = () => WindowPreload.Script("{not json");
        act.Should().Throw<ArgumentException>().WithMessage("*startingContextJson*not valid JSON*");
    }

    private static async Task<JsonObject> EvaluateAsync(string preload, string check, bool topFrame = true)
    {
        var program = $$"""
            const window = {}; window.window = window; window.top = {{(topFrame ? "window" : "{}")}};
            globalThis.window = window; globalThis.document = { title: "" };
            const out = (v) => process.stdout.write(JSON.stringify(v));
            (function () { {{preload}} }).call(window);
            (async () => { {{check}} })().catch(e => { process.stderr.write(String(e)); process.exit(2); });
            """;
        var file = Path.Combine(Path.GetTempPath(), $"ioactors-preload-{Guid.NewGuid():N}.js");
        await File.WriteAllTextAsync(file, program);
        try
        {
            var info = new ProcessStartInfo(TestScripts.Node, [file]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.Should().Be(0, await stderr);
            return JsonNode.Parse(await stdout)!.AsObject();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
