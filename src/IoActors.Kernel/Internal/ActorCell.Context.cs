using Microsoft.Extensions.Logging;

namespace IoActors.Kernel.Internal;

/// <summary>The <see cref="IActorContext"/> side of the cell: children, watch, behaviors, receive timeout.</summary>
internal sealed partial class ActorCell
{
    private const string NameChars = "-_.*$+:@&=,!~';()";
    private const string GeneratedNameAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";

    public IEnumerable<IActorRef> Children
    {
        get
        {
            var list = ChildrenSnapshot();
            list.RemoveAll(c => c.IsTerminated);
            return list;
        }
    }

    public ILogger Log => Extras.Log ??= new ActorLogger(_system.LoggerFactory.CreateLogger(_props.ActorType.FullName ?? _props.ActorType.Name), _path.ToString());

    public TimeSpan? ReceiveTimeout => _extras?.ReceiveTimeout;

    public IActorRef Child(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var extras = _extras;
        if (extras is null)
        {
            return ActorRefs.Nobody;
        }

        lock (this)
        {
            return extras.Children is { } children && children.TryGetValue(name, out var child) && !child.IsTerminated ? child : ActorRefs.Nobody;
        }
    }

    public IActorRef ActorOf(Props props, string? name = null) => AttachChild(props, name);

    internal ActorCell AttachChild(Props props, string? name)
    {
        ArgumentNullException.ThrowIfNull(props);
        var extras = Extras;
        if (name is null)
        {
            name = GenerateName(Interlocked.Increment(ref extras.NextChildNumber));
        }
        else
        {
            ValidateName(name);
        }

        ActorCell child;
        lock (this)
        {
            if ((_flags & (FlagTerminating | FlagTerminated)) != 0)
            {
                throw new InvalidOperationException($"Cannot create actor '{name}' under '{_path}': '{_path}' is stopping or stopped.");
            }

            var children = extras.Children ??= new Dictionary<string, ActorCell>(StringComparer.Ordinal);
            child = new ActorCell(_system, this, _path / name, props);
            if (!children.TryAdd(name, child))
            {
                throw new InvalidActorNameException(name, $"an actor named '{name}' already exists under '{_path}'; names must be unique among siblings.");
            }
        }

        child.Start();
        return child;
    }

    public void Stop(IActorRef actor)
    {
        var target = From(actor, nameof(actor));
        if (target is ActorCell child && ReferenceEquals(child._parent, this) && ReferenceEquals(Current, this))
        {
            (Extras.StoppingChildren ??= []).Add(child);
        }

        target.SendSystem(new Terminate());
    }

    public IActorRef Watch(IActorRef actor) => WatchCore(actor, null);

    public IActorRef WatchWith(IActorRef actor, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WatchCore(actor, message);
    }

    public IActorRef Unwatch(IActorRef actor)
    {
        var target = From(actor, nameof(actor));
        if (_extras?.Watching is { } watching && watching.Remove(target))
        {
            target.SendSystem(new Unwatch(target, this));
        }

        return actor;
    }

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        var behaviors = Extras.Behaviors ??= [];
        if (behaviors.Count > 0)
        {
            behaviors[^1] = receive;
        }
        else
        {
            behaviors.Add(receive);
        }
    }

    public void Become(Action<object> receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        Become(message =>
        {
            receive(message);
            return true;
        });
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        (Extras.Behaviors ??= []).Add(receive);
    }

    public void Unbecome()
    {
        if (_extras?.Behaviors is { Count: > 0 } behaviors)
        {
            behaviors.RemoveAt(behaviors.Count - 1);
        }
    }

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        var extras = Extras;
        if (timeout is not { } value || value <= TimeSpan.Zero)
        {
            extras.ReceiveTimeout = null;
            extras.ReceiveTimeoutGeneration++;
            extras.ReceiveTimeoutTimer?.Dispose();
            extras.ReceiveTimeoutTimer = null;
            return;
        }

        extras.ReceiveTimeout = value;
        ResetReceiveTimeout();
    }

    internal List<ActorCell> ChildrenSnapshot()
    {
        var extras = _extras;
        if (extras is null)
        {
            return [];
        }

        lock (this)
        {
            return extras.Children is { Count: > 0 } children ? [.. children.Values] : [];
        }
    }

    internal void StopFromOutside() => SendSystem(new Terminate());

    /// <summary>Puts messages back at the front of the mailbox, in order (used by Unstash).</summary>
    internal void Prepend(MailboxNode first, MailboxNode last)
    {
        var extras = Extras;
        last.Next = extras.Unstashed;
        extras.Unstashed = first;
    }

    private static void ValidateName(string name)
    {
        if (name.Length == 0)
        {
            throw new InvalidActorNameException(name, "the name must not be empty.");
        }

        if (name[0] == '$')
        {
            throw new InvalidActorNameException(name, "names starting with '$' are reserved for generated names.");
        }

        List<char>? invalid = null;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !NameChars.Contains(c))
            {
                (invalid ??= []).Add(c);
            }
        }

        if (invalid is not null)
        {
            var shown = string.Join(", ", invalid.Distinct().Select(c => char.IsWhiteSpace(c) || char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'"));
            throw new InvalidActorNameException(name, $"it contains {shown}; allowed are ASCII letters, digits and {NameChars}.");
        }
    }

    private static string GenerateName(long number)
    {
        Span<char> buffer = stackalloc char[16];
        var i = buffer.Length;
        do
        {
            buffer[--i] = GeneratedNameAlphabet[(int)(number & 63)];
            number >>= 6;
        }
        while (number != 0);
        buffer[--i] = '$';
        return new string(buffer[i..]);
    }

    private int ChildCount()
    {
        lock (this)
        {
            return _extras?.Children?.Count ?? 0;
        }
    }

    private IActorRef WatchCore(IActorRef actor, object? message)
    {
        var target = From(actor, nameof(actor));
        if (ReferenceEquals(target, this))
        {
            return actor;
        }

        var watching = Extras.Watching ??= [];
        if (watching.TryGetValue(target, out var entry))
        {
            entry.CustomMessage = message;
            return actor;
        }

        watching.Add(target, new WatchEntry(message));
        target.SendSystem(new Watch(target, this));
        return actor;
    }

    private void ResetReceiveTimeout()
    {
        var extras = _extras!;
        var generation = ++extras.ReceiveTimeoutGeneration;
        extras.ReceiveTimeoutTimer?.Dispose();
        extras.ReceiveTimeoutTimer = _system.TimeProvider.CreateTimer(
            static state =>
            {
                var (cell, tick) = ((ActorCell, ReceiveTimeoutTick))state!;
                cell.Tell(tick, null);
            },
            (this, new ReceiveTimeoutTick(generation)),
            extras.ReceiveTimeout!.Value,
            Timeout.InfiniteTimeSpan);
    }
}
