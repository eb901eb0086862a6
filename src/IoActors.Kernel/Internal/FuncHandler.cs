namespace IoActors.Kernel.Internal;

/// <summary>Handles messages of type <typeparamref name="T"/> when the handler returns true.</summary>
internal sealed class FuncHandler<T>(Func<T, bool> handler) : MessageHandler
{
    public override bool TryHandle(object message) => message is T typed && handler(typed);
}
