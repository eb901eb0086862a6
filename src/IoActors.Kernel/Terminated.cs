namespace IoActors.Kernel;

/// <summary>Delivered exactly once to each watcher when a watched actor has stopped.</summary>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="ExistenceConfirmed">Whether the actor was known to have existed (false when it was never created or is unknown).</param>
/// <param name="AddressTerminated">Whether the notification stems from an unreachable address (always false for a local system).</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed, bool AddressTerminated);
