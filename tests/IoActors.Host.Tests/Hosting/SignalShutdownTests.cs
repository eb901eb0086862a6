using System.Diagnostics;
using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Hosting;

/// <summary>`ioactors run` stopped by SIGTERM (a service manager, `kill`): a clean platform shutdown, then exit code 0.</summary>
public sealed class SignalShutdownTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly HostFolder _folder = new("ioactors-signal-", "signal-host-token", "instances.stopGracePeriod = 10s");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sigterm_StopsTheInstancesGracefully_RemovesTheDiscoveryFile_AndExitsWithZero()
    {
        var marker = Path.Combine(_folder.Path, "app-got-sigterm");
        var script = Path.Combine(_folder.Path, "service.js");
        // A node app that stays up and records the SIGTERM the platform sends it when it stops.
        File.WriteAllText(script, $$"""
            const fs = require("fs");
            process.on("SIGTERM", () => { fs.writeFileSync({{JsonSerializer.Serialize(marker)}}, String(process.pid)); process.exit(0); });
            setInterval(() => {}, 1 << 30);
            """);
        File.WriteAllText(Path.Combine(_folder.Apps, "service.json"), $$"""
            { "name": "service", "type": "node", "autoStart": true, "details": { "path": {{JsonSerializer.Serialize(script)}} },
              "runPriority": { "stage": "user", "waitForInitialization": "no" } }
            """);

        using var host = await _folder.StartHostAsync();
        using var instances = JsonDocument.Parse(await host.Client.GetStringAsync("/api/instances"));
        var appPid = instances.RootElement.EnumerateArray().Single(i => i.GetProperty("appName").GetString() == "service").GetProperty("processId").GetInt32();
        File.Exists(Path.Combine(_folder.Data, "host.json")).Should().BeTrue();

        host.Terminate();
        await host.Process.WaitForExitAsync().WaitAsync(Timeout);

        host.Process.ExitCode.Should().Be(0, host.Output);
        host.Output.Should().Contain("Shutting down...").And.Contain("IoActors stopped.");
        File.ReadAllText(marker).Should().Be(appPid.ToString(System.Globalization.CultureInfo.InvariantCulture), "the app was stopped with SIGTERM, not killed");
        IsRunning(appPid).Should().BeFalse("no app process outlives the host");
        File.Exists(Path.Combine(_folder.Data, "host.json")).Should().BeFalse("the discovery file goes with the host");
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
