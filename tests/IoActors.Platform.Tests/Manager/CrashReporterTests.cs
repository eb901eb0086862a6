using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Platform.Configuration;
using IoActors.Platform.Instances;
using IoActors.Platform.Manager;
using IoActors.Platform.Tests.Support;
using Xunit;

namespace IoActors.Platform.Tests.Manager;

/// <summary>
/// Crash reports of real processes to a fake io.Manager: a process that exits 3 and one killed by a signal each give one
/// multipart POST with the fields and a text report; a clean exit and a stop a user asked for give none.
/// </summary>
public sealed class CrashReporterTests : IAsyncLifetime
{
    private readonly BootHarness _h = new();
    private FakeIoManager _io = null!;

    public async Task InitializeAsync() => _io = await FakeIoManager.StartAsync();

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await _io.DisposeAsync();
    }

    // An exe app running a shell script (the shell is the process the platform watches).
    private void ShellApp(string name, string script) =>
        File.WriteAllText(Path.Combine(_h.AppsFolder, name + ".json"), new JsonObject
        {
            ["name"] = name,
            ["type"] = "exe",
            ["details"] = new JsonObject { ["path"] = "/bin", ["command"] = "sh", ["parameters"] = $"-c \"{script}\"" },
        }.ToJsonString());

    private async Task StartAsync(Action<PlatformOptions>? more = null)
    {
        _h.Start(
            o =>
            {
                o.Server.Enabled = true;
                o.Server.Url = _io.Url;
                o.Server.Auth.Basic = new BasicAuthOptions { Username = "ann", Password = "secret" };
                o.Server.EnablePersistentCache = false;
                o.CrashReporter.Output.Type = "server";
                more?.Invoke(o);
            },
            realLaunchers: true);
        await _h.BootedAsync();
    }

    private async Task<InstanceStopped> RunToEndAsync(string app)
    {
        var instance = await _h.Platform.AppManager.StartAsync(app);
        return await _h.NextAsync<InstanceStopped>(e => e.InstanceId == instance.Id, $"InstanceStopped({app})");
    }

    [Fact]
    public async Task CrashingProcesses_ExitCodeAndSignal_EachSendOneReport_CleanExitAndUserStopSendNone()
    {
        ShellApp("clean", "exit 0");
        ShellApp("waits", "sleep 60");
        ShellApp("exits-3", "exit 3");
        ShellApp("killed", "kill -9 $$");
        await StartAsync();

        (await RunToEndAsync("clean")).Exit!.ExitCode.Should().Be(0);
        var waits = await _h.Platform.AppManager.StartAsync("waits");
        (await _h.Platform.AppManager.StopAsync(waits.Id)).Requested.Should().BeTrue();

        var exited = await RunToEndAsync("exits-3");
        var exitedReport = await _h.NextAsync<CrashReportSent>(s => s.InstanceId == exited.InstanceId);
        var killed = await RunToEndAsync("killed");
        killed.Exit!.Signal.Should().Be(9);
        var killedReport = await _h.NextAsync<CrashReportSent>(s => s.InstanceId == killed.InstanceId);

        exitedReport.Should().BeEquivalentTo(new { Status = 201, ReportId = "crash-1", Error = (string?)null });
        killedReport.Should().BeEquivalentTo(new { Status = 201, ReportId = "crash-2", Error = (string?)null });
        var crashes = _io.Crashes.ToList();
        crashes.Should().HaveCount(2, "the clean exit and the requested stop are no crashes");

        var (fields, fileName, text) = crashes[0];
        fields.Should().Contain(new Dictionary<string, string>
        {
            ["app"] = "exits-3",
            ["instance"] = exited.InstanceId,
            ["exitCode"] = "3",
            ["signal"] = string.Empty,
            ["user"] = Environment.UserName,
            ["machine"] = Environment.MachineName,
            ["platform"] = "ioactors",
        });
        fields["version"].Should().NotBeNullOrWhiteSpace();
        fields["reason"].Should().Contain("exit code 3").And.NotContain("\n");
        fileName.Should().Be($"crash-{exited.InstanceId}.txt");
        text.Should().Contain("app: exits-3").And.Contain("exit: exit code 3").And.Contain("commandLine: /bin/sh -c \"exit 3\"");

        var (killedFields, _, killedText) = crashes[1];
        killedFields["app"].Should().Be("killed");
        killedFields["exitCode"].Should().BeEmpty();
        killedFields["signal"].Should().Be("9");
        killedText.Should().Contain("signal 9 (SIGKILL)");

        var posts = _io.Requests.Where(r => r.Path == "/api/crashes").ToList();
        posts.Should().HaveCount(2).And.OnlyContain(r => r.Method == "POST" && r.Header("Content-Type")!.StartsWith("multipart/form-data", StringComparison.Ordinal));
        posts.Should().OnlyContain(r => r.Header("serverx-token") == FakeIoManager.Jwt("session-1", "ann"), "a report to io.Manager goes with the session");
    }

    [Fact]
    public async Task ReportUrlElsewhere_IsSentWithoutTheSessionsCredentials()
    {
        await using var other = await FakeIoManager.StartAsync();
        ShellApp("exits-3", "exit 3");
        await StartAsync(o => o.CrashReporter.Output.ServerUrl = other.Url + "/crashes");

        var exited = await RunToEndAsync("exits-3");
        var sent = await _h.NextAsync<CrashReportSent>(s => s.InstanceId == exited.InstanceId);

        sent.Status.Should().Be(401, "the other server wants credentials the platform does not send it");
        sent.Error.Should().Contain("401").And.Contain("the credentials are missing or wrong");
        var post = other.Requests.Should().ContainSingle().Subject;
        post.Header("Authorization").Should().BeNull();
        post.Header("serverx-token").Should().BeNull();
        _io.Requests.Should().NotContain(r => r.Path == "/api/crashes");
    }
}
