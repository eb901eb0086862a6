namespace IoActors.Kernel.Internal;

/// <summary>The /user guardian: parent of top-level actors; supervises them with the default strategy (escalation stops the child).</summary>
internal sealed class GuardianActor : ActorBase
{
    protected override bool Receive(object message) => false;
}
