namespace IoActors.Kernel;

/// <summary>The reply to <see cref="Identify"/>.</summary>
/// <param name="MessageId">The correlation value from the request.</param>
/// <param name="Subject">The actor, or <see langword="null"/> when it does not exist (any more).</param>
public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);
