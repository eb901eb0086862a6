using System.CommandLine;
using FluentAssertions;
using IoActors.Host.Cli;
using IoActors.Host.Commands;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Cli;

public sealed class ClientCommandTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private string Config => Path.Combine(fixture.Folder, "test.conf");

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliRoot.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Apps_WithDiscoveryFile_ListsTheAppsAsATable()
    {
        var (code, output, error) = await RunAsync("apps", "--config", Config);
        error.Should().BeEmpty();
        code.Should().Be(0);
        output.Should().StartWith("NAME").And.Contain("echo").And.Contain("svc");
    }

    [Fact]
    public async Task Dashboard_PrintsAOneTimeLinkWithTheCodeInTheFragment()
    {
        var (code, output, error) = await RunAsync("dashboard", "--config", Config);
        error.Should().BeEmpty();
        code.Should().Be(0);
        var line = output.Split('\n').First(l => l.StartsWith("Dashboard: ", StringComparison.Ordinal)).Trim();
        var link = new Uri(line["Dashboard: ".Length..]);
        link.Query.Should().BeEmpty();
        link.Fragment.Should().MatchRegex("^#code=[A-Za-z0-9_-]{40,}$");
        output.Should().NotContain(fixture.Host.Token!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1:8386")]
    [InlineData("ftp://127.0.0.1/")]
    public async Task A_url_that_is_not_http_is_one_clear_error(string url)
    {
        var (code, _, error) = await RunAsync("stores", "--url", url, "--token", "t");
        code.Should().Be(1);
        error.Should().Contain($"--url '{url}' is not an http:// or https:// URL").And.NotContain("Exception");
    }

    [Fact]
    public async Task Stores_ListsEachStoreWithItsStateAndLastPoll()
    {
        var (code, output, error) = await RunAsync("stores", "--config", Config);
        error.Should().BeEmpty();
        code.Should().Be(0);
        output.Should().StartWith("STORE").And.Contain("path").And.Contain("loaded").And.Contain("inMemory");
    }

    [Fact]
    public async Task StartInstancesStop_RoundTrip()
    {
        var (code, output, _) = await RunAsync("start", "echo", "--context", "{\"a\":1}", "--config", Config);
        code.Should().Be(0);
        var id = output.Split("instance ")[1].Split(' ', '\n', '\r')[0];
        (await RunAsync("instances", "--config", Config)).Output.Should().Contain(id);
        var stop = await RunAsync("stop", id, "--config", Config);
        stop.Code.Should().Be(0);
        stop.Output.Should().Contain($"Stopped {id}");
    }

    [Fact]
    public async Task Start_BadContextJson_Exits1NamingTheOption()
    {
        var (code, _, error) = await RunAsync("start", "echo", "--context", "{nope", "--config", Config);
        code.Should().Be(1);
        error.Should().Contain("--context is not valid JSON");
    }

    [Fact]
    public async Task Stop_UnknownInstance_Exits1With404()
    {
        var (code, _, error) = await RunAsync("stop", "missing-id", "--url", fixture.Host.Url, "--token", fixture.Host.Token!);
        code.Should().Be(1);
        error.Should().Contain("404").And.Contain("missing-id");
    }

    [Fact]
    public async Task Import_SampleFile_ImportsBothApps()
    {
        var file = Path.Combine(HostFixture.RepositoryRoot, "samples", "import", "notes-app.json");
        var (code, output, _) = await RunAsync("import", file, "--merge", "--config", Config);
        code.Should().Be(0);
        output.Should().Contain("imported notes").And.Contain("imported echo-imported");
    }

    [Fact]
    public async Task Events_FromStartWithCount_PrintsOneLinePerEvent()
    {
        var (code, output, _) = await RunAsync("events", "--from", "0", "--types", "BootStarted,BootCompleted", "--count", "2", "--config", Config);
        code.Should().Be(0);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        lines[0].Should().Contain("BootStarted");
        lines[1].Should().Contain("BootCompleted");
    }

    [Fact]
    public async Task Events_Replayed_PrintTheTimeEachEventHappened()
    {
        await using var stream = await SseReader.OpenAsync(fixture.Client, "/api/events?types=BootStarted", lastEventId: 0);
        var published = System.Text.Json.JsonDocument.Parse((await stream.NextAsync()).Data).RootElement.GetProperty("time").GetDateTimeOffset();

        var (code, output, _) = await RunAsync("events", "--from", "0", "--types", "BootStarted", "--count", "1", "--config", Config);

        code.Should().Be(0);
        output.Should().Contain($" {published.ToLocalTime():HH:mm:ss} BootStarted").And.NotContain("\"time\"");
    }

    [Fact]
    public void EventLine_DataWithTimeAndLineBreaks_IsOneLineWithTheEventsLocalTime()
    {
        var line = ClientCommands.EventLine("7", "AppAdded", """{"time":"2020-01-02T03:04:05.0000000Z","app":{"name":"evil\r\n#8     00:00:00 Forged"}}""");
        line.Should().Be($"#7     {new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero).ToLocalTime():HH:mm:ss} AppAdded             app=evil\\r\\n#8     00:00:00 Forged");
    }

    [Fact]
    public async Task Layouts_SaveListExportImportDefaultRestoreRemove()
    {
        var save = await RunAsync("layouts", "save", "cli-layout", "--context", "{\"x\":1}", "--config", Config);
        save.Error.Should().BeEmpty();
        save.Output.Should().StartWith("Saved Global layout 'cli-layout' with ");
        (await RunAsync("layouts", "list", "--config", Config)).Output.Should().StartWith("TYPE").And.Contain("cli-layout");
        var file = Path.Combine(fixture.Folder, "layouts-export.json");
        (await RunAsync("layouts", "export", file, "--config", Config)).Output.Should().Contain($"to {file}");
        (await RunAsync("layouts", "remove", "cli-layout", "--config", Config)).Output.Should().Contain("Removed Global layout 'cli-layout'.");
        (await RunAsync("layouts", "import", file, "--config", Config)).Output.Should().Contain("imported Global 'cli-layout'");
        (await RunAsync("layouts", "default", "cli-layout", "--config", Config)).Output.Should().Contain("Default layout: 'cli-layout'.");
        (await RunAsync("layouts", "default", "--clear", "--config", Config)).Output.Should().Contain("No default layout.");

        var restore = await RunAsync("layouts", "restore", "cli-layout", "--keep-running", "--config", Config);

        restore.Code.Should().Be(0, restore.Error);
        restore.Output.Should().Contain("0 failed, 0 stopped first.");
        var missing = await RunAsync("layouts", "remove", "nope", "--config", Config);
        missing.Code.Should().Be(1);
        missing.Error.Should().Contain("404").And.Contain("No Global layout named 'nope' is saved.");
        var badFile = Path.Combine(fixture.Folder, "bad-layouts.json");
        await File.WriteAllTextAsync(badFile, "[{\"type\":\"Global\"}]");
        (await RunAsync("layouts", "import", badFile, "--config", Config)).Error.Should().Contain("400").And.Contain("layouts[0].name: is required");
    }

    [Fact]
    public async Task Boot_PrintsTableAndTimeline()
    {
        var (code, output, _) = await RunAsync("boot", "--config", Config);
        code.Should().Be(0);
        output.Should().Contain("completed").And.Contain("svc").And.Contain("ready").And.Contain("Timeline:").And.Contain("user");
    }

    [Fact]
    public async Task Apps_NoRunningHost_Exits1SayingSo()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ioactors-nohost-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(HostFixture.RepositoryRoot, "hocon", "reference.conf"), Path.Combine(folder, "reference.conf"));
        File.WriteAllText(Path.Combine(folder, "x.conf"), "include required(\"reference.conf\")\n");
        var (code, _, error) = await RunAsync("apps", "--config", Path.Combine(folder, "x.conf"));
        code.Should().Be(1);
        error.Should().Contain("no running host found");
        Directory.Delete(folder, true);
    }
}
