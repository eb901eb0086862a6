using IoActors.Kernel;

namespace IoActors.Kernel.Tests.TestKit.Support;

/// <summary>Replies to every message with the same message.</summary>
public sealed class EchoActor : UntypedActor
{
    protected override void OnReceive(object message) => Sender.Tell(message, Self);
}
