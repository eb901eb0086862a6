using IoActors.Kernel;

namespace IoActors.Kernel.Tests.Support;

/// <summary>Forwards every message to a target (keeping the sender) and reports lifecycle events to it.</summary>
public sealed class ForwardingActor : UntypedActor
{
    private readonly IActorRef _target;

    public ForwardingActor(IActorRef target) => _target = target;

    protected override void PreStart() => _target.Tell("prestart", Self);

    protected override void PostStop() => _target.Tell("poststop", Self);

    protected override void OnReceive(object message) => _target.Tell(message, Sender);
}
