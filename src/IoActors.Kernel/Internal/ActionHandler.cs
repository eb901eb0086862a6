namespace IoActors.Kernel.Internal;

/// <summary>Handles messages of type <typeparamref name="T"/> that pass an optional filter.</summary>
internal sealed class ActionHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : MessageHandler
{
    public override bool TryHandle(object message)
    {
        if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
        {
            handler(typed);
            return true;
        }

        return false;
    }
}
