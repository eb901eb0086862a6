using IoActors.Kernel;

namespace IoActors.Kernel.Tests.Support;

/// <summary>Replies to every message with the same message.</summary>
public sealed class EchoActor : ReceiveActor
{
    public EchoActor()
    {
        ReceiveAny(m => Sender.Tell(m, Self));
    }
}
