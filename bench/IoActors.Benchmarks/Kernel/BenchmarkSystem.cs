using IoActors.Kernel;

namespace IoActors.Benchmarks.Kernel;

/// <summary>The actor system options every kernel benchmark uses: defaults, no signal handling, no logging.</summary>
public static class BenchmarkSystem
{
    /// <summary>Options for a benchmark's actor system.</summary>
    /// <returns>The options.</returns>
    public static ActorSystemOptions Options() => new() { RunCoordinatedShutdownOnProcessExit = false };
}
