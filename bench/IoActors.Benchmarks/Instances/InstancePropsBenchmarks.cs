using System.Text.Json.Nodes;
using Akka.Actor;
using BenchmarkDotNet.Attributes;
using IoActors.Apps.Definitions;
using IoActors.Benchmarks.Running;
using IoActors.Platform.Instances;

namespace IoActors.Benchmarks.Instances;

/// <summary>
/// What building an instance actor's <see cref="Props"/> costs per start: the platform's
/// <c>InstanceActor.Props</c> (<c>Props.Create(() =&gt; new InstanceActor(…))</c>, an expression tree built and its nine
/// arguments evaluated on every call) against <c>Props.Create(typeof(InstanceActor), args)</c> with the same arguments
/// (baseline), which makes the same Props (same type, same arguments, same activator producer). Props only: no actor is
/// created.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class InstancePropsBenchmarks
{
    private InstanceInfo _info = null!;
    private AppDefinition _app = null!;
    private readonly ProcessLauncher _launcher = new();
    private readonly InstanceManagerSettings _settings = new();

    // Not used while only Props are built.
    private readonly AssetInstaller _assets = new(null!, "/nonexistent");

    /// <summary>Creates the arguments.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _app = AppDefinition.FromJson(new JsonObject { ["name"] = "true", ["type"] = "exe", ["details"] = new JsonObject { ["path"] = "/bin", ["command"] = "true" } });
        _info = new InstanceInfo("true-1", "true", AppType.Exe, 1, "true", InstanceState.Starting, null, false, null, StartedBy.Host, DateTimeOffset.UtcNow, 0);
    }

    /// <summary>Props from the type and an argument array.</summary>
    [Benchmark(Baseline = true)]
    public Props TypeAndArguments() =>
        Check(Props.Create(typeof(InstanceActor), _info, _app, null, RestartPolicy.Default, _launcher, _assets, _settings, ActorRefs.Nobody, false));

    /// <summary>The platform's InstanceActor.Props (an expression).</summary>
    [Benchmark]
    public Props PlatformExpression() =>
        Check(InstanceActor.Props(_info, _app, null, RestartPolicy.Default, _launcher, _assets, _settings, ActorRefs.Nobody));

    private static Props Check(Props props) =>
        props.Type == typeof(InstanceActor) && props.Arguments.Length == 9 ? props : throw new InvalidOperationException($"Props of {props.Type} with {props.Arguments.Length} arguments");
}
