namespace IoActors.Kernel.Internal;

/// <summary>The stash of one actor cell; used only on the actor's turn.</summary>
internal sealed class ActorStash(ActorCell cell) : IStash
{
    private readonly LinkedList<MailboxNode> _messages = new();

    public int Count => _messages.Count;

    public void Stash()
    {
        var message = cell.CurrentMessage ?? throw new InvalidOperationException($"Actor '{cell.Path}' has no current message to stash.");
        if (_messages.Last is { } last && ReferenceEquals(last.Value.Message, message) && ReferenceEquals(last.Value.Sender, cell.CurrentSender))
        {
            throw new InvalidOperationException($"Actor '{cell.Path}' tried to stash the same message twice: {message}.");
        }

        _messages.AddLast(new MailboxNode(message, cell.CurrentSender));
    }

    public void Unstash()
    {
        if (_messages.First is { } first)
        {
            _messages.RemoveFirst();
            var node = new MailboxNode(first.Value.Message, first.Value.Sender);
            cell.Prepend(node, node);
        }
    }

    public void UnstashAll()
    {
        if (_messages.Count == 0)
        {
            return;
        }

        MailboxNode? head = null, tail = null;
        foreach (var stashed in _messages)
        {
            var node = new MailboxNode(stashed.Message, stashed.Sender);
            if (tail is null)
            {
                head = node;
            }
            else
            {
                tail.Next = node;
            }

            tail = node;
        }

        _messages.Clear();
        cell.Prepend(head!, tail!);
    }

    public void ClearStash() => _messages.Clear();

    internal void UnstashAllOnRestart() => UnstashAll();

    internal void DrainToDeadLetters()
    {
        foreach (var stashed in _messages)
        {
            cell.System.DeadLetter(stashed.Message!, stashed.Sender, cell);
        }

        _messages.Clear();
    }
}
