using IoActors.Kernel;

namespace IoActors.TestKit;

/// <summary>
/// A stand-in actor for tests: its <see cref="Ref"/> queues every message it receives, and the expectations it shares
/// with <see cref="TestKit"/> (<c>ExpectMsg</c>, <c>ExpectNoMsg</c>, <c>FishForMessage</c>, <c>Within</c>, ...) take them
/// from that queue. Create it with <see cref="TestKit.CreateTestProbe"/>; stop it with <c>Sys.Stop(probe.Ref)</c>.
/// </summary>
public sealed class TestProbe : TestKitBase
{
    internal TestProbe(ActorSystem system, TestKitSettings settings, string name)
        : base(settings) => Attach(system, name);

    /// <summary>The probe's actor: pass it to the code under test as a collaborator, sender or watcher.</summary>
    public IActorRef Ref => TestActor;

    /// <summary>Sends <paramref name="message"/> to the probe itself, as if <paramref name="sender"/> had sent it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="sender">The sender the probe sees. The default is no sender.</param>
    public void Tell(object message, IActorRef? sender = null) => Ref.Tell(message, sender);

    /// <summary>Names the probe by its path.</summary>
    public override string ToString() => $"TestProbe {Ref.Path}";
}
