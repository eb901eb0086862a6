namespace IoActors.Kernel.Internal;

/// <summary>One entry of a <see cref="HandlerSet"/>.</summary>
internal abstract class MessageHandler
{
    public abstract bool TryHandle(object message);
}
