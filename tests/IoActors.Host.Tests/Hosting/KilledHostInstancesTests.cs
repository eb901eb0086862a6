using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Tests.Support;
using IoActors.Testing;

namespace IoActors.Host.Tests.Hosting;

/// <summary>
/// A host killed with SIGKILL leaves no app running: its exit watchdog sends its app processes SIGTERM, and the next
/// start stops, from the journal, any that outlived it (the watchdog killed too) before it starts new ones.
/// </summary>
public sealed class KilledHostInstancesTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly List<HostFolder> _folders = [];
    private readonly List<(int Pid, long StartTime)> _apps = [];

    public void Dispose()
    {
        // Whatever a failed test left running.
        foreach (var (pid, startTime) in _apps.Where(a => ProcessProbe.IsRunning(a.Pid, a.StartTime)))
        {
            _ = kill(pid, 9);
        }

        foreach (var folder in _folders)
        {
            folder.Dispose();
        }
    }

    [Fact]
    public async Task HostKilled_NodeApp_GetsSigtermAndEnds_WithoutAJournal()
    {
        var folder = Folder("ioactors-orphan-", "inMemoryStore.persist = false");
        var markers = Directory.CreateDirectory(Path.Combine(folder.Path, "markers")).FullName;
        File.WriteAllText(Path.Combine(folder.Apps, "service.json"), $$"""
            { "name": "service", "type": "node", "autoStart": true, "runPriority": { "stage": "user", "waitForInitialization": "no" },
              "details": { "path": {{JsonSerializer.Serialize(WriteScript(folder))}}, "parameters": {{JsonSerializer.Serialize(Quoted(markers))}} } }
            """);

        int pid;
        long startTime;
        using (var host = await folder.StartHostAsync())
        {
            (pid, startTime) = await AppProcessAsync(host, "service", markers);
            host.Kill();
        }

        await CompatHost.WhenFileExistsAsync(Path.Combine(markers, pid + ".sigterm"), Timeout);
        await ProcessProbe.WhenEndedAsync(pid, startTime, Timeout);
    }

    [Fact]
    public async Task HostKilledWithItsWatchdog_NextStartStopsTheLeftoverAndStartsExactlyOneInstance()
    {
        var folder = Folder("ioactors-leftover-", "instances.stopGracePeriod = 10s\nlogging.level = Debug");

        // The actors' Debug lines too (Akka's own level; the journal says which processes it holds at Debug).
        File.AppendAllText(folder.Config, "\nakka.loglevel = DEBUG\n");
        var markers = Directory.CreateDirectory(Path.Combine(folder.Path, "markers")).FullName;
        var script = WriteScript(folder);

        File.WriteAllText(Path.Combine(folder.Apps, "survivor.json"), $$"""
            { "name": "survivor", "type": "exe", "autoStart": true, "runPriority": { "stage": "user", "waitForInitialization": "no" },
              "details": { "path": {{JsonSerializer.Serialize(folder.Path)}}, "command": "node",
                           "parameters": {{JsonSerializer.Serialize($"{Quoted(script)} {Quoted(markers)}")}} } }
            """);

        int leftover;
        long leftoverStart;
        using (var first = await folder.StartHostAsync())
        {
            (leftover, leftoverStart) = await AppProcessAsync(first, "survivor", markers);

            // Killed only once the journal holds the process: a kill before that write leaves the next host nothing to stop.
            await first.WhenLoggedAsync($"survivor pid {leftover}", Timeout);

            // The watchdog killed first (as a kill of the whole process tree would): nothing signals the app then.
            var watchdog = Watchdog(first.Process.Id);
            _ = kill(watchdog.Pid, 9);
            await ProcessProbe.WhenEndedAsync(watchdog.Pid, watchdog.StartTime, Timeout);
            first.Kill();
        }

        ProcessProbe.IsRunning(leftover, leftoverStart).Should().BeTrue("nothing signalled the app when its host and watchdog were killed");

        using var second = await folder.StartHostAsync();

        File.Exists(Path.Combine(markers, leftover + ".sigterm")).Should().BeTrue("the restarted host sent the leftover SIGTERM before its boot");
        ProcessProbe.IsRunning(leftover, leftoverStart).Should().BeFalse(second.Errors);
        second.Errors.Should().Contain("instance process(es) of the previous run still running").And.Contain($"pid {leftover}");
        var (current, _) = await AppProcessAsync(second, "survivor", markers);
        current.Should().NotBe(leftover);
        File.Exists(Path.Combine(markers, current + ".started")).Should().BeTrue();
        Directory.GetFiles(markers, "*.started").Should().HaveCount(2, "the second host started exactly one new instance");
    }

    private HostFolder Folder(string prefix, string settings)
    {
        var folder = new HostFolder(prefix, "orphans-token", settings);
        _folders.Add(folder);
        return folder;
    }

    // Notes <markers>/<pid>.started at start and <markers>/<pid>.sigterm on SIGTERM, then exits.
    private static string WriteScript(HostFolder folder)
    {
        var script = Path.Combine(folder.Path, "service.js");
        File.WriteAllText(script, """
            const fs = require("fs");
            const path = require("path");
            const markers = process.argv[2];
            process.on("SIGTERM", () => { fs.writeFileSync(path.join(markers, process.pid + ".sigterm"), ""); process.exit(0); });
            setInterval(() => {}, 1 << 30);
            fs.writeFileSync(path.join(markers, process.pid + ".started"), "");
            """);
        return script;
    }

    /// <summary>The host's exit watchdog: its child <c>awk -v ioactors_watchdog=1 …</c> (a shell that exec'd awk).</summary>
    private static (int Pid, long StartTime) Watchdog(int hostPid)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (int.Parse(fields[1]) == hostPid && args.Contains("ioactors_watchdog=1") && ProcessProbe.StartTime(pid) is { } start)
                {
                    return (pid, start);
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }

        throw new InvalidOperationException($"host {hostPid} has no watchdog process");
    }

    private static string Quoted(string value) => "\"" + value + "\"";

    /// <summary>The app's one instance's pid and start time, once its script runs (it noted <c>&lt;pid&gt;.started</c>).</summary>
    private async Task<(int Pid, long StartTime)> AppProcessAsync(HostProcess host, string app, string markers)
    {
        using var instances = JsonDocument.Parse(await host.Client.GetStringAsync("/api/instances"));
        var pid = instances.RootElement.EnumerateArray().Single(i => i.GetProperty("appName").GetString() == app).GetProperty("processId").GetInt32();
        var startTime = ProcessProbe.StartTime(pid) ?? throw new InvalidOperationException($"the {app} process {pid} is not running");
        _apps.Add((pid, startTime));
        await CompatHost.WhenFileExistsAsync(Path.Combine(markers, pid + ".started"), Timeout);
        return (pid, startTime);
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
