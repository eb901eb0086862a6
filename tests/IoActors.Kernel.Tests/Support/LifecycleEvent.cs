namespace IoActors.Kernel.Tests.Support;

/// <summary>Reported by <see cref="LifecycleActor"/> to its probe.</summary>
public sealed record LifecycleEvent(string Actor, string Event);
