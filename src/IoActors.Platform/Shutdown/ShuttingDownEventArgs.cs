namespace IoActors.Platform.Shutdown;

/// <summary>What a shutdown handler receives (seed 05, <c>onShuttingDown</c>).</summary>
/// <param name="Restarting">Whether the platform restarts after the shutdown.</param>
/// <param name="Initiator">Who asked: "api", "gateway", "signal", "host", "boot"...</param>
/// <param name="Reason">Why, or <see langword="null"/>.</param>
public sealed record ShuttingDownEventArgs(bool Restarting, string Initiator, string? Reason);
