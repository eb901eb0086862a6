using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace IoActors.Testing;

/// <summary>
/// Virtual time for a test: a <see cref="FakeTimeProvider"/> for code that reads the clock or waits through a
/// <see cref="TimeProvider"/> (timestamps, durations, HTTP timeouts) and Akka's <see cref="TestScheduler"/> for actor
/// timers, advanced together: the fake clock first, then the scheduler, so a timer message handled after an advance
/// reads the new time. Neither moves on its own. A test arms its wait for the code under test to have armed a timer
/// (the event the code publishes after arming it) before it advances; the scheduler cannot list its timers.
/// </summary>
public sealed class VirtualTime
{
    /// <summary>The instant the clock starts at unless told otherwise: 2000-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private TestScheduler? _scheduler;

    /// <summary>Creates the clock; <see cref="Attach"/> the actor system whose scheduler it drives once it exists.</summary>
    /// <param name="start">The initial time. The default is <see cref="DefaultStart"/>.</param>
    public VirtualTime(DateTimeOffset? start = null)
    {
        Provider = new FakeTimeProvider(start ?? DefaultStart);
    }

    /// <summary>Creates the clock for a running actor system configured with <see cref="SchedulerConfig"/>.</summary>
    /// <param name="system">The actor system.</param>
    /// <param name="start">The initial time. The default is <see cref="DefaultStart"/>.</param>
    public VirtualTime(ActorSystem system, DateTimeOffset? start = null)
        : this(start)
    {
        Attach(system);
    }

    /// <summary>The Akka setting that makes an actor system run its timers on a <see cref="TestScheduler"/>.</summary>
    public static Config SchedulerConfig { get; } =
        ConfigurationFactory.ParseString("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"");

    /// <summary>The clock for <see cref="TimeProvider"/> code.</summary>
    public FakeTimeProvider Provider { get; }

    /// <summary>The actor system's scheduler.</summary>
    /// <exception cref="InvalidOperationException">No actor system is attached yet.</exception>
    public TestScheduler Scheduler => _scheduler ?? throw new InvalidOperationException("VirtualTime: no actor system is attached (call Attach once it exists).");

    /// <summary>Drives the scheduler of <paramref name="system"/>.</summary>
    /// <param name="system">An actor system configured with <see cref="SchedulerConfig"/>.</param>
    /// <exception cref="InvalidOperationException">The system's scheduler is not a <see cref="TestScheduler"/>.</exception>
    public void Attach(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        _scheduler = system.Scheduler as TestScheduler ?? throw new InvalidOperationException(
            $"VirtualTime: the actor system '{system.Name}' runs a {system.Scheduler.GetType().Name}; configure it with VirtualTime.SchedulerConfig.");
    }

    /// <summary>The current virtual time.</summary>
    public DateTimeOffset GetUtcNow() => Provider.GetUtcNow();

    /// <summary>Moves both clocks forward by <paramref name="delta"/>, firing what becomes due.</summary>
    /// <param name="delta">How far; zero or positive.</param>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        var scheduler = Scheduler;
        Provider.Advance(delta);
        scheduler.Advance(delta);
    }
}
