namespace IoActors.Kernel.Internal;

/// <summary>A timer's message in the mailbox, tagged with the generation of the timer that sent it.</summary>
internal sealed class TimerMessage(object key, int generation, object message, ActorCell target) : IAutoReceivedMessage
{
    public object Key { get; } = key;

    public int Generation { get; } = generation;

    public object Message { get; } = message;

    public ActorCell Target { get; } = target;
}
