using IoActors.Kernel.Internal;

namespace IoActors.Kernel;

/// <summary>Every actor answers with <see cref="ActorIdentity"/> carrying the same <paramref name="MessageId"/>.</summary>
/// <param name="MessageId">A correlation value echoed in the reply.</param>
public sealed record Identify(object? MessageId) : IAutoReceivedMessage;
