using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Platform.Instances;
using IoActors.Platform.Tests.Support;
using Xunit;

namespace IoActors.Platform.Tests.Instances;

/// <summary>Argument splitting, macros, restart policy reading and backoff.</summary>
public sealed class InstancePlumbingTests
{
    [Theory]
    [InlineData("param1 param2", new[] { "param1", "param2" })]
    [InlineData("  a   \"b c\"  d ", new[] { "a", "b c", "d" })]
    [InlineData("--mode=3 --clients=http://localhost:22060/clients", new[] { "--mode=3", "--clients=http://localhost:22060/clients" })]
    [InlineData("say \\\"hi\\\" \"\"", new[] { "say", "\"hi\"", "" })]
    [InlineData("", new string[0])]
    public void CommandLine_Split_HonoursQuotesWithoutAShell(string text, string[] expected) =>
        CommandLine.Split(text).Should().Equal(expected);

    [Fact]
    public void CommandLine_ArrayParameters_FailTheLaunchNamingTheRule()
    {
        var act = () => CommandLine.Split(TestApps.Json("""["a b", "c"]"""), "tool");

        act.Should().Throw<LaunchException>().WithMessage("app 'tool': details.parameters must be one string of command-line parameters*not array.");
    }

    [Fact]
    public void CommandLine_MissingOrNullParameters_GiveNoArguments()
    {
        CommandLine.Split(default, "tool").Should().BeEmpty();
        CommandLine.Split(TestApps.Json("null"), "tool").Should().BeEmpty();
    }

    [Fact]
    public void Macros_GdDirEnvironmentAndAssetLocation_Expanded()
    {
        Environment.SetEnvironmentVariable("IOACTORS_TEST_MACRO", "value");
        Macros.Expand("%GDDIR%/x/%IOACTORS_TEST_MACRO%/%NOT_DEFINED_ANYWHERE%", "/opt/platform/", null)
            .Should().Be("/opt/platform/x/value/%NOT_DEFINED_ANYWHERE%");
        Macros.Expand("$ASSET_LOCATION$/home.html", "/p", "/remote/app").Should().Be("/remote/app/home.html");
    }

    [Fact]
    public void Effective_OptionsMergeIntoDetailsAndMacrosExpandEverywhere()
    {
        var app = TestApps.Of("m", "window", new JsonObject { ["url"] = "%GDDIR%/a.html", ["nested"] = new JsonObject { ["keep"] = 1, ["list"] = new JsonArray("%GDDIR%") } });
        var effective = InstanceLaunchPlan.Effective(app, new JsonObject { ["nested"] = new JsonObject { ["added"] = true } }, "/gd", null);
        var details = effective.Details;
        details.GetProperty("url").GetString().Should().Be("/gd/a.html");
        details.GetProperty("nested").GetProperty("keep").GetInt32().Should().Be(1);
        details.GetProperty("nested").GetProperty("added").GetBoolean().Should().BeTrue();
        details.GetProperty("nested").GetProperty("list")[0].GetString().Should().Be("/gd");
        app.Details.GetProperty("url").GetString().Should().Be("%GDDIR%/a.html", "the registry's definition is untouched");
    }

    [Fact]
    public void RestartPolicyReader_FullObject_ReadsEveryField()
    {
        var app = TestApps.Node("p", "/x.js", restartPolicy: new { mode = "always", maxRestarts = 3, withinMs = 5000, backoffMs = 10, maxBackoffMs = 40 });
        var policy = RestartPolicyReader.Read(app, RestartPolicy.Default, out var problems);
        problems.Should().BeEmpty();
        policy.Should().Be(new RestartPolicy(RestartMode.Always, 3, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(40)));
    }

    [Fact]
    public void RestartPolicyReader_PartialOrShorthand_FillsFromDefaults()
    {
        RestartPolicyReader.Read(TestApps.Node("p", "/x.js", restartPolicy: new { mode = "on-failure" }), RestartPolicy.Default, out _)
            .Should().Be(RestartPolicy.Default with { Mode = RestartMode.OnFailure });
        RestartPolicyReader.Read(TestApps.Node("p", "/x.js", restartPolicy: "always"), RestartPolicy.Default, out _).Mode.Should().Be(RestartMode.Always);
        RestartPolicyReader.Read(TestApps.Node("p", "/x.js"), RestartPolicy.Default, out var none).Should().Be(RestartPolicy.Default);
        none.Should().BeEmpty();
    }

    [Fact]
    public void RestartPolicyReader_Invalid_ReportsEveryProblem()
    {
        RestartPolicyReader.Read(TestApps.Node("p", "/x.js", restartPolicy: new { mode = 3, withinMs = 0, backoffMs = 100, maxBackoffMs = 50 }), RestartPolicy.Default, out var problems);
        problems.Should().HaveCount(3);
        problems.Should().Contain(p => p.StartsWith("restartPolicy.mode: 3"));
        problems.Should().Contain("restartPolicy.withinMs: 0 must be at least 1");
        problems.Should().Contain(p => p.StartsWith("restartPolicy.maxBackoffMs: 50"));
    }

    [Theory]
    [InlineData(5, 60_000, 1_000, 30_000, true)]    // the defaults: 1+2+4+8+16 s = 31 s fit in 60 s
    [InlineData(5, 31_000, 1_000, 30_000, false)]   // exactly the backoff sum: the sixth exit comes 31 s after the first
    [InlineData(5, 31_001, 1_000, 30_000, true)]
    [InlineData(1, 1_000, 1_000, 1_000, false)]     // a window no longer than the first backoff never holds a restart
    [InlineData(100, 60_000, 10, 1_000, false)]     // capped at 1 s: 100 restarts need more than 60 s
    [InlineData(0, 1, 1_000, 1_000, true)]          // no restarts allowed: the limit is reached at the first exit
    [InlineData(3, 10, 0, 0, true)]                 // no backoff: a crash loop reaches any limit
    public void RestartPolicyReader_WindowThatCannotHoldTheRestarts_IsAProblem(int maxRestarts, int withinMs, int backoffMs, int maxBackoffMs, bool valid)
    {
        var app = TestApps.Node("p", "/x.js", restartPolicy: new { mode = "on-failure", maxRestarts, withinMs, backoffMs, maxBackoffMs });

        RestartPolicyReader.Read(app, RestartPolicy.Default, out var problems);

        if (valid)
        {
            problems.Should().BeEmpty();
        }
        else
        {
            problems.Should().ContainSingle().Which.Should().StartWith($"restartPolicy.withinMs: {withinMs} ms cannot hold {maxRestarts} restart");
        }
    }

    [Fact]
    public void RestartPolicyReader_WindowTooShortForThePlatformDefaults_NamesTheDefault()
    {
        var defaults = RestartPolicy.Default with { Backoff = TimeSpan.FromSeconds(15), MaxBackoff = TimeSpan.FromSeconds(15) };

        RestartPolicyReader.Read(TestApps.Node("p", "/x.js", restartPolicy: "always"), defaults, out var problems);

        problems.Should().ContainSingle().Which.Should().StartWith("restartPolicy: the default withinMs of 60000 ms cannot hold 5 restarts: their backoff alone takes 75000 ms");
    }

    [Fact]
    public void RestartPolicy_DelayFor_DoublesAndCaps()
    {
        var policy = RestartPolicy.Default with { Backoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromMilliseconds(350) };
        Enumerable.Range(1, 5).Select(policy.DelayFor).Select(d => d.TotalMilliseconds).Should().Equal(100, 200, 350, 350, 350);
        policy.DelayFor(10_000).Should().Be(TimeSpan.FromMilliseconds(350));
    }

    [Fact]
    public void InstanceExit_IsFailure_NonZeroOrSignal()
    {
        new InstanceExit(0, null, "exit code 0").IsFailure.Should().BeFalse();
        new InstanceExit(2, null, "exit code 2").IsFailure.Should().BeTrue();
        new InstanceExit(null, 9, "signal 9").IsFailure.Should().BeTrue();
    }

    [Fact]
    public void StartingContext_HasTheSeedFields()
    {
        var info = new InstanceInfo("id1", "app", IoActors.Apps.Definitions.AppType.Exe, 2, "App (2)", InstanceState.Starting, null, false, TestApps.Json("""{"a":1}"""), StartedBy.AutoStart, DateTimeOffset.UnixEpoch, 0);
        var json = JsonNode.Parse(InstanceLaunchPlan.StartingContext(info, new InstanceManagerSettings { ApiUrl = "http://x" }))!;
        json["applicationName"]!.GetValue<string>().Should().Be("app");
        json["instanceId"]!.GetValue<string>().Should().Be("id1");
        json["context"]!["a"]!.GetValue<int>().Should().Be(1);
        json["startedBy"]!["startedBy"]!.GetValue<string>().Should().Be("autoStart");
        json["instanceIndex"]!.GetValue<int>().Should().Be(2);
    }
}
