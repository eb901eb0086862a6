using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IoActors.Kernel;

/// <summary>Settings of an <see cref="ActorSystem"/>, validated once by <see cref="ActorSystem.Create"/>.</summary>
public sealed record ActorSystemOptions
{
    /// <summary>The clock of timers, receive timeouts, ask timeouts, backoff and restart windows. The default is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the kernel and actors log. The default is <see cref="NullLoggerFactory.Instance"/>.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The maximum number of user messages an actor processes per turn before yielding its thread; at least 1. The default is 100.</summary>
    public int Throughput { get; init; } = 100;

    /// <summary>How many dead letters are logged per <see cref="DeadLetterLogWindow"/>; 0 disables the log (they are still published). The default is 10.</summary>
    public int DeadLetterLogLimit { get; init; } = 10;

    /// <summary>The window of <see cref="DeadLetterLogLimit"/>; positive. The default is 10 seconds.</summary>
    public TimeSpan DeadLetterLogWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether SIGTERM, SIGINT and process exit run <see cref="CoordinatedShutdown"/>. The default is <see langword="true"/>.</summary>
    public bool RunCoordinatedShutdownOnProcessExit { get; init; } = true;

    /// <summary>How long each coordinated-shutdown phase may take before the next one starts; positive. The default is 5 seconds.</summary>
    public TimeSpan CoordinatedShutdownPhaseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Per-phase overrides of <see cref="CoordinatedShutdownPhaseTimeout"/>, by phase name. The default is none.</summary>
    public IReadOnlyDictionary<string, TimeSpan> CoordinatedShutdownPhaseTimeouts { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>Checks every setting and reports all problems at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid; the message lists each field, value and rule.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (TimeProvider is null)
        {
            problems.Add("TimeProvider: must not be null.");
        }

        if (LoggerFactory is null)
        {
            problems.Add("LoggerFactory: must not be null.");
        }

        if (Throughput < 1)
        {
            problems.Add($"Throughput: {Throughput} is invalid; it must be at least 1.");
        }

        if (DeadLetterLogLimit < 0)
        {
            problems.Add($"DeadLetterLogLimit: {DeadLetterLogLimit} is invalid; it must be 0 or positive.");
        }

        if (DeadLetterLogWindow <= TimeSpan.Zero)
        {
            problems.Add($"DeadLetterLogWindow: {DeadLetterLogWindow} is invalid; it must be positive.");
        }

        if (CoordinatedShutdownPhaseTimeout <= TimeSpan.Zero)
        {
            problems.Add($"CoordinatedShutdownPhaseTimeout: {CoordinatedShutdownPhaseTimeout} is invalid; it must be positive.");
        }

        if (CoordinatedShutdownPhaseTimeouts is null)
        {
            problems.Add("CoordinatedShutdownPhaseTimeouts: must not be null.");
        }
        else
        {
            foreach (var (phase, timeout) in CoordinatedShutdownPhaseTimeouts)
            {
                if (!CoordinatedShutdown.PhaseNames.Contains(phase))
                {
                    problems.Add($"CoordinatedShutdownPhaseTimeouts: '{phase}' is not a phase; known phases are {string.Join(", ", CoordinatedShutdown.PhaseNames)}.");
                }

                if (timeout <= TimeSpan.Zero)
                {
                    problems.Add($"CoordinatedShutdownPhaseTimeouts['{phase}']: {timeout} is invalid; it must be positive.");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid ActorSystemOptions:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)));
        }
    }
}
