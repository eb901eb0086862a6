using Akka.Configuration;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Testing;

/// <summary>
/// An Akka.NET TestKit (xunit output) with async setup and teardown and, when asked, virtual time (<see cref="Clock"/>:
/// actor timers on Akka's TestScheduler, <see cref="TimeProvider"/> code on a fake clock). Expectations wait up to 10 s
/// (real time) by default: the suites run in parallel on shared cores. The actor system is terminated in
/// <see cref="DisposeAsync"/>, before a derived class disposes what the actors used.
/// </summary>
public abstract class ActorTestKit : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly Config s_defaults = ConfigurationFactory.ParseString("akka.test.single-expect-default = 10s");
    private readonly VirtualTime? _clock;

    /// <param name="output">The test's output.</param>
    /// <param name="virtualTime">Whether the system runs on virtual time. The default is <see langword="true"/>.</param>
    /// <param name="config">More Akka settings, over the kit's. The default is none.</param>
    protected ActorTestKit(ITestOutputHelper output, bool virtualTime = true, Config? config = null)
        : base(Build(virtualTime, config), output: output)
    {
        _clock = virtualTime ? new VirtualTime(Sys) : null;
    }

    /// <summary>The virtual time of the system.</summary>
    /// <exception cref="InvalidOperationException">The kit was created without virtual time.</exception>
    protected VirtualTime Clock => _clock ?? throw new InvalidOperationException("This test kit runs on real time (virtualTime: false).");

    /// <summary>The clock for <see cref="TimeProvider"/> code: the fake clock on virtual time, else the system clock.</summary>
    protected TimeProvider TimeProvider => _clock?.Provider ?? TimeProvider.System;

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Terminates the actor system (a derived class disposes its own resources after calling this).</summary>
    /// <returns>A task that completes when the system has terminated.</returns>
    public virtual async Task DisposeAsync() => await Sys.Terminate();

    private static Config Build(bool virtualTime, Config? config)
    {
        var kit = virtualTime ? VirtualTime.SchedulerConfig.WithFallback(s_defaults) : s_defaults;
        return config is null ? kit : config.WithFallback(kit);
    }
}
