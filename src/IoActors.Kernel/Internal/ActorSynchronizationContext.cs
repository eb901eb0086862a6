namespace IoActors.Kernel.Internal;

/// <summary>
/// Installed while a ReceiveAsync handler runs, so its continuations are posted back to the actor and run
/// on the actor's turn (never concurrently with other handlers or after the actor stopped). One instance
/// per actor incarnation: continuations of a previous incarnation are dropped after a restart.
/// </summary>
internal sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
{
    public ActorCell Cell { get; } = cell;

    public override void Post(SendOrPostCallback d, object? state) => Cell.SendSystem(new RunContinuation(this, d, state));

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public override SynchronizationContext CreateCopy() => this;
}
