using System.Text.Json.Nodes;
using Akka.Configuration;
using BenchmarkDotNet.Attributes;
using IoActors.Benchmarks.Running;
using IoActors.Apps.Definitions;
using IoActors.Hocon;
using IoActors.Platform;
using IoActors.Platform.Boot;
using IoActors.Platform.Configuration;
using IoActors.Platform.Instances;

namespace IoActors.Benchmarks.Boot;

/// <summary>
/// Boot overhead: a platform that boots 1 000 auto-start apps over the four stages (250 per stage, 10 priority groups per
/// stage, none waiting) with a launcher that starts nothing, against the same platform booting no app, in the same run.
/// Per-app cost = (Boot1000Apps − BootNoApps) / 1 000. Both include reading the stores' definition files.
/// <see cref="Persist"/> true is the platform's default (the instance history and boot reports journaled to SQLite in the
/// data folder, so every instance start and stop is an event written); false keeps them in memory, which separates the
/// journal's share of the boot from the actors'.
/// </summary>
[Config(typeof(BootBenchmarks.Config))]
public class BootBenchmarks
{
    /// <summary>Auto-start apps in the large boot.</summary>
    public const int Apps = 1_000;

    private string _root = null!;
    private string _empty = null!;

    /// <summary>Whether the platform journals its history (<c>ioactors.inMemoryStore.persist</c>, on by default).</summary>
    [Params(true, false)]
    public bool Persist { get; set; }

    /// <summary>Writes the definitions: system stores for core, pre-sso and post-sso; a regular store for user.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("ioactors-boot-bench-").FullName;
        _empty = Directory.CreateTempSubdirectory("ioactors-boot-bench-empty-").FullName;
        Directory.CreateDirectory(Path.Combine(_empty, "system"));
        Directory.CreateDirectory(Path.Combine(_empty, "apps"));
        var system = new JsonArray();
        var user = new JsonArray();
        string[] stages = ["core", "pre-sso", "post-sso", "user"];
        for (var i = 0; i < Apps; i++)
        {
            var stage = stages[i % 4];
            var app = new JsonObject
            {
                ["name"] = $"app-{i:D4}",
                ["type"] = stage == "core" ? "exe" : "node",
                ["autoStart"] = true,
                ["details"] = stage == "core" ? new JsonObject { ["path"] = "/bin", ["command"] = "true" } : new JsonObject { ["path"] = "/app.js" },
                ["runPriority"] = new JsonObject { ["stage"] = stage, ["priority"] = i % 10, ["waitForInitialization"] = "no" },
            };
            (stage == "user" ? user : system).Add(app);
        }

        Directory.CreateDirectory(Path.Combine(_root, "system"));
        Directory.CreateDirectory(Path.Combine(_root, "apps"));
        File.WriteAllText(Path.Combine(_root, "system", "apps.json"), system.ToJsonString());
        File.WriteAllText(Path.Combine(_root, "apps", "apps.json"), user.ToJsonString());
    }

    /// <summary>Deletes the definitions.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_empty, recursive: true);
    }

    /// <summary>Boots a platform with empty stores and shuts it down.</summary>
    [Benchmark(Baseline = true)]
    public Task BootNoApps() => BootAsync(_empty, 0, Persist);

    /// <summary>Boots 1 000 auto-start apps over the four stages and shuts down (every instance is stopped).</summary>
    [Benchmark]
    public Task Boot1000Apps() => BootAsync(_root, Apps, Persist);

    private static async Task BootAsync(string root, int apps, bool persist)
    {
        var configuration = new PlatformOptions
        {
            ConfigFolder = root,
            SystemAppStores = [new AppStoreOptions { Type = "path", Details = new AppStoreDetailsOptions { Path = "system" } }],
            AppStores = [new AppStoreOptions { Type = "path", Details = new AppStoreDetailsOptions { Path = "apps" } }],
        };
        configuration.IoActors.DataFolder = Path.Combine(root, "data");
        configuration.IoActors.InMemoryStore.Persist = persist;
        var launcher = new InstantLauncher();
        await using var platform = await IoPlatform.StartAsync(new IoPlatformOptions
        {
            Configuration = configuration,
            HandleProcessSignals = false,

            // Akka's default logger writes every instance start and stop to stdout at INFO: measure the platform, not the console.
            AkkaConfig = ConfigurationFactory.ParseString("akka.loglevel = WARNING"),
            Launchers = new Dictionary<AppType, IInstanceLauncher> { [AppType.Exe] = launcher, [AppType.Node] = launcher },
        });
        var report = await platform.WhenBooted;
        var started = report.Apps.Count(a => a.Outcome == AppBootOutcome.Started);
        if (!report.Succeeded || report.Apps.Count != apps || started != apps || launcher.Launched != apps)
        {
            throw new InvalidOperationException(
                $"the boot {(report.Succeeded ? "succeeded" : "failed: " + report.Error)} with {report.Apps.Count} apps planned, {started} started and {launcher.Launched} launched; expected {apps}");
        }
    }

    /// <summary>2 warm-ups and 8 iterations: a boot is short, and the per-app figure is a difference of two means.</summary>
    public sealed class Config : ShortRunConfig
    {
        /// <summary>Creates the config.</summary>
        public Config()
            : base(warmups: 2, iterations: 8)
        {
        }
    }

    private sealed class InstantLauncher : IInstanceLauncher
    {
        private int _launched;

        public int Launched => Volatile.Read(ref _launched);

        public Task<IRunningInstance> LaunchAsync(LaunchRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _launched);
            return Task.FromResult<IRunningInstance>(new Run());
        }

        private sealed class Run : IRunningInstance
        {
            private readonly TaskCompletionSource<InstanceExit> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public int? ProcessId => null;

            public Task<InstanceExit> Exited => _exit.Task;

            public void RequestStop() => _exit.TrySetResult(new InstanceExit(0, null, "exit code 0"));

            public void Kill() => _exit.TrySetResult(new InstanceExit(null, 9, "signal 9 (SIGKILL)"));
        }
    }
}
