namespace IoActors.Kernel.Internal;

/// <summary>An ordered list of typed handlers; the first that accepts a message handles it.</summary>
internal sealed class HandlerSet
{
    // Grown by doubling; most actors have a handful of handlers.
    private MessageHandler[] _handlers = [];
    private int _count;

    public void Add(MessageHandler handler)
    {
        if (_count == _handlers.Length)
        {
            Array.Resize(ref _handlers, _count == 0 ? 2 : _count * 2);
        }

        _handlers[_count++] = handler;
    }

    public bool Handle(object message)
    {
        var handlers = _handlers;
        for (var i = 0; i < _count; i++)
        {
            if (handlers[i].TryHandle(message))
            {
                return true;
            }
        }

        return false;
    }
}
