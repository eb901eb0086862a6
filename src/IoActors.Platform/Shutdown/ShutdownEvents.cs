namespace IoActors.Platform.Shutdown;

/// <summary>Base of the shutdown events on the event stream.</summary>
/// <param name="Restarting">Whether it is a restart.</param>
/// <param name="Initiator">Who asked.</param>
/// <param name="Reason">Why, or <see langword="null"/>.</param>
public abstract record ShutdownEvent(bool Restarting, string Initiator, string? Reason);

/// <summary>A shutdown or restart was requested; the handlers run.</summary>
/// <param name="Restarting">Whether it is a restart.</param>
/// <param name="Initiator">Who asked.</param>
/// <param name="Reason">Why, or <see langword="null"/>.</param>
public sealed record ShutdownRequested(bool Restarting, string Initiator, string? Reason) : ShutdownEvent(Restarting, Initiator, Reason);

/// <summary>A handler prevented the shutdown or restart.</summary>
/// <param name="Restarting">Whether it was a restart.</param>
/// <param name="Initiator">Who asked.</param>
/// <param name="Reason">Why it was asked, or <see langword="null"/>.</param>
/// <param name="PreventedBy">The handlers that prevented it.</param>
public sealed record ShutdownPrevented(bool Restarting, string Initiator, string? Reason, IReadOnlyList<string> PreventedBy) : ShutdownEvent(Restarting, Initiator, Reason);

/// <summary>Every instance has stopped (in reverse boot order); the actor system terminates next, or the boot runs again.</summary>
/// <param name="Restarting">Whether it is a restart.</param>
/// <param name="Initiator">Who asked.</param>
/// <param name="Reason">Why, or <see langword="null"/>.</param>
/// <param name="StoppedInstances">How many instances were stopped.</param>
public sealed record InstancesStoppedForShutdown(bool Restarting, string Initiator, string? Reason, int StoppedInstances) : ShutdownEvent(Restarting, Initiator, Reason);
