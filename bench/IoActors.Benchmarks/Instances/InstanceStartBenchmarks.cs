using System.Diagnostics;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using IoActors.Benchmarks.Running;
using IoActors.Apps.Definitions;
using Akka.Actor;
using IoActors.Platform.Instances;

namespace IoActors.Benchmarks.Instances;

/// <summary>
/// Start of a real short-lived process through the instance manager (StartInstance → reply after InstanceStarted, then
/// the final InstanceStopped) against a bare <see cref="Process.Start(ProcessStartInfo)"/> of the same executable waited
/// for exit, in the same run. Goal: ≤ 1.2× the baseline. The rows between them say where the difference goes:
/// <see cref="BareWithEnvironment"/> adds the instance's environment variables, <see cref="WatchedProcessStart"/> also
/// lists the process with the host's exit watchdog and takes it off at exit (what the platform does so that apps end
/// with the host), and <see cref="LauncherStartToExit"/> is the exe launcher alone (details, environment, watchdog,
/// exit watching) without the actors, the ask and the event stream. <see cref="SetprivProcessStart"/> is what the
/// platform ran before the watchdog (<c>setpriv --pdeathsig SIGTERM -- /bin/true</c>), kept for comparison.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class InstanceStartBenchmarks
{
    private static readonly string Executable = File.Exists("/bin/true") ? "/bin/true" : "/usr/bin/true";
    private ActorSystem _system = null!;
    private IActorRef _manager = null!;
    private AppDefinition _app = null!;
    private static readonly string? Setpriv = OperatingSystem.IsLinux() ? new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(File.Exists) : null;
    private StopWaiter _waiter = null!;
    private readonly ProcessLauncher _launcher = new();
    private readonly InstanceManagerSettings _settings = new();
    private InstanceInfo _info = null!;

    /// <summary>Creates the system, the manager and the exe definition.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("instances-bench", "akka.coordinated-shutdown.run-by-clr-shutdown-hook = off\nakka.loglevel = WARNING");
        _manager = _system.ActorOf(InstanceManager.Props(new InstanceManagerSettings()), "instances");
        _app = AppDefinition.FromJson(new JsonObject
        {
            ["name"] = "true",
            ["type"] = "exe",
            ["details"] = new JsonObject { ["path"] = Path.GetDirectoryName(Executable), ["command"] = Path.GetFileName(Executable) },
        });
        _waiter = new StopWaiter(_system);
        _info = new InstanceInfo("true-1", "true", AppType.Exe, 1, "true", InstanceState.Starting, null, false, null, StartedBy.Host, DateTimeOffset.UtcNow, 0);
    }

    /// <summary>Terminates the system; every process the watchdog was told of must have been taken off again.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _system.Terminate().Wait(TimeSpan.FromSeconds(10));
        if (HostExitWatchdog.Shared.Count != 0)
        {
            throw new InvalidOperationException($"the watchdog still holds {HostExitWatchdog.Shared.Count} ended processes");
        }
    }

    /// <summary>Process.Start of the executable, waiting for its exit.</summary>
    [Benchmark(Baseline = true)]
    public async Task BareProcessStart()
    {
        using var process = Process.Start(new ProcessStartInfo(Executable) { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(Executable) })!;
        await process.WaitForExitAsync();
        Succeeded(process, Executable);
    }

    /// <summary>The bare start with the instance's environment variables set on the start info (a copy of the whole environment).</summary>
    [Benchmark]
    public async Task BareWithEnvironment()
    {
        var info = new ProcessStartInfo(Executable) { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(Executable) };
        ProcessEnvironment.Apply(info, InstanceLaunchPlan.Environment(_info, _settings));
        using var process = Process.Start(info)!;
        await process.WaitForExitAsync();
        Succeeded(process, Executable);
    }

    /// <summary>The start with the environment, listed with the host's exit watchdog and taken off when it exited.</summary>
    [Benchmark]
    public async Task WatchedProcessStart()
    {
        var info = new ProcessStartInfo(Executable) { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(Executable) };
        ProcessEnvironment.Apply(info, InstanceLaunchPlan.Environment(_info, _settings));
        using var process = Process.Start(info)!;
        var watched = HostExitWatchdog.Shared.Watch(process.Id);
        await process.WaitForExitAsync();
        if (watched)
        {
            HostExitWatchdog.Shared.Forget(process.Id);
        }

        Succeeded(process, Executable);
    }

    /// <summary>Process.Start of <c>setpriv --pdeathsig SIGTERM -- executable</c> (what the platform ran before the watchdog), waiting for its exit (skipped without setpriv).</summary>
    [Benchmark]
    public async Task SetprivProcessStart()
    {
        if (Setpriv is null)
        {
            return;
        }

        var info = new ProcessStartInfo(Setpriv) { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(Executable) };
        foreach (var arg in new[] { "--pdeathsig", "SIGTERM", "--", Executable })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        await process.WaitForExitAsync();
        Succeeded(process, Setpriv + " " + Executable);
    }

    /// <summary>The platform's exe launcher with the instance environment, until the process exit it reports.</summary>
    [Benchmark]
    public async Task LauncherStartToExit()
    {
        var running = await _launcher.LaunchAsync(new LaunchRequest(_info.Id, _app, InstanceLaunchPlan.Environment(_info, _settings), _info.Title), CancellationToken.None);
        var exit = await running.Exited.WaitAsync(TimeSpan.FromSeconds(30));
        if (running.ProcessId is null || exit.ExitCode != 0)
        {
            throw new InvalidOperationException($"the launcher's {Executable} ended with {exit.Description}");
        }
    }

    private static void Succeeded(Process process, string what)
    {
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} exited with {process.ExitCode}");
        }
    }

    /// <summary>StartInstance until the reply (InstanceStarted), then until InstanceStopped.</summary>
    [Benchmark]
    public async Task InstanceStartToStopped()
    {
        var result = await _manager.Ask<InstanceStartResult>(new StartInstance(_app), TimeSpan.FromSeconds(30));
        if (result.Instance.ProcessId is null)
        {
            throw new InvalidOperationException($"instance {result.Instance.Id} started without a process ({result.Instance.State})");
        }

        await _waiter.WaitAsync(result.Instance.Id);
    }
}
