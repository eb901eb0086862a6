using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace IoActors.Kernel.Internal;

/// <summary>
/// One live actor: at once its reference, its context and its mailbox, which is itself the thread-pool
/// work item. User messages go through a lock-free MPSC linked queue (one node per message), system
/// messages through a lock-free stack reversed on drain; both are consumed only on the actor's turn.
/// </summary>
[StructLayout(LayoutKind.Explicit)]
internal sealed partial class ActorCell : InternalActorRef, IActorContext, IThreadPoolWorkItem
{
    /// <summary>The cell whose turn runs on this thread (the implicit sender of the Tell extension).</summary>
    [ThreadStatic]
    internal static ActorCell? Current;

    /// <summary>The cell creating an actor instance on this thread (picked up by the ActorBase constructor).</summary>
    [ThreadStatic]
    internal static ActorCell? Constructing;

    private const int FlagNotCreated = 1;
    private const int FlagFailed = 2;
    private const int FlagAwaiting = 4;
    private const int FlagTerminating = 8;
    private const int FlagTerminated = 16;
    private const int FlagRestarting = 32;

    // Any of these holds user messages back (system messages still run).
    private const int SuspendMask = FlagNotCreated | FlagFailed | FlagAwaiting | FlagTerminating | FlagTerminated | FlagRestarting;

    // Layout: the fields producers write (tail, system inbox) and read on every Tell (status, flags) come first;
    // the consumer's fields start 64 bytes after the last of them, so the two never share a cache line.

    // MPSC queue: producers swap _tail, the consumer owns _head (a consumed stub).
    [FieldOffset(0)]
    private MailboxNode _tail;

    // Lock-free stack of system messages, newest first.
    [FieldOffset(8)]
    private SystemMessage? _systemInbox;

    // 0 = idle, 1 = scheduled or running; the 0 -> 1 transition queues the cell on the thread pool.
    [FieldOffset(16)]
    private int _status;

    // Lifecycle flags; written only on the actor's turn, read by producers for FlagTerminated.
    [FieldOffset(20)]
    private int _flags = FlagNotCreated;

    [FieldOffset(88)]
    private MailboxNode _head;

    // The message being processed and its sender (kept while suspended for stash, PreRestart and ReceiveAsync).
    [FieldOffset(96)]
    private object? _currentMessage;

    [FieldOffset(104)]
    private IActorRef? _currentSender;

    [FieldOffset(112)]
    private ActorBase? _actor;

    [FieldOffset(120)]
    private CellExtras? _extras;

    [FieldOffset(128)]
    private readonly ActorSystem _system;

    [FieldOffset(136)]
    private readonly InternalActorRef _parent;

    [FieldOffset(144)]
    private readonly ActorPath _path;

    [FieldOffset(152)]
    private readonly Props _props;

    public ActorCell(ActorSystem system, InternalActorRef parent, ActorPath path, Props props)
    {
        _system = system;
        _parent = parent;
        _path = path;
        _props = props;
        _head = _tail = new MailboxNode(null, null);
    }

    public override ActorPath Path => _path;

    public override ActorSystem System => _system;

    ActorSystem IActorContext.System => _system;

    public override bool IsTerminated => (Volatile.Read(ref _flags) & FlagTerminated) != 0;

    public IActorRef Self => this;

    public IActorRef Sender => _currentSender ?? _system.DeadLetters;

    public IActorRef Parent => _parent;

    public Props Props => _props;

    internal object? CurrentMessage => _currentMessage;

    internal IActorRef? CurrentSender => _currentSender;

    internal CellExtras Extras
    {
        get
        {
            var extras = _extras;
            if (extras is not null)
            {
                return extras;
            }

            Interlocked.CompareExchange(ref _extras, new CellExtras(), null);
            return _extras!;
        }
    }

    public override void Tell(object message, IActorRef? sender)
    {
        if (message is null)
        {
            ThrowNullMessage();
        }

        if ((Volatile.Read(ref _flags) & FlagTerminated) != 0)
        {
            if (message is Identify identify && sender is not null)
            {
                sender.Tell(new ActorIdentity(identify.MessageId, null), this);
                return;
            }

            if (message is TimerMessage or ReceiveTimeoutTick or DeathWatchDelivery)
            {
                return;
            }

            _system.DeadLetter(message, sender, this);
            return;
        }

        Enqueue(message, sender);
    }

    /// <summary>Schedules the first turn, which creates the actor instance.</summary>
    internal void Start()
    {
        if (Interlocked.CompareExchange(ref _status, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    public override void SendSystem(SystemMessage message)
    {
        var head = Volatile.Read(ref _systemInbox);
        while (true)
        {
            message.Next = head;
            var seen = Interlocked.CompareExchange(ref _systemInbox, message, head);
            if (ReferenceEquals(seen, head))
            {
                break;
            }

            head = seen;
        }

        if (Interlocked.CompareExchange(ref _status, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    /// <summary>Runs turns: system messages first, then up to Throughput user messages per turn.</summary>
    public void Execute()
    {
        Current = this;
        try
        {
            // Messages that arrive just as a turn ends are handled at once (a few times), instead of paying a trip
            // through the thread pool; a turn that used its whole budget yields the thread for fairness.
            for (var round = 0; ; round++)
            {
                var exhausted = RunTurn();

                // Full fence: producers swap the tail then read the status, so either they see 0 and schedule,
                // or we see their message here.
                Interlocked.Exchange(ref _status, 0);
                if (!HasPendingWork() || Interlocked.CompareExchange(ref _status, 1, 0) != 0)
                {
                    return;
                }

                if (exhausted || round >= 2)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                    return;
                }
            }
        }
        finally
        {
            Current = null;
        }
    }

    internal void Enqueue(object message, IActorRef? sender)
    {
        var node = new MailboxNode(message, sender);

        // The exchange is a full fence before the status read: either the consumer, going idle, sees the new tail
        // (and reschedules itself), or this read sees it idle and schedules it. So the common "already scheduled"
        // case costs no second interlocked operation.
        var previous = Interlocked.Exchange(ref _tail, node);
        Volatile.Write(ref previous.Next, node);
        if (Volatile.Read(ref _status) == 0 && Interlocked.CompareExchange(ref _status, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowNullMessage() => throw new ArgumentNullException("message", "An actor message must not be null.");

    /// <summary>One turn; returns whether it stopped because the throughput budget was used up.</summary>
    private bool RunTurn()
    {
        // Creation runs first, exactly as if a Create system message had been queued before anything else.
        if ((_flags & FlagNotCreated) != 0)
        {
            HandleCreate();
        }

        var budget = _system.Throughput;
        while (true)
        {
            if (Volatile.Read(ref _systemInbox) is not null)
            {
                ProcessSystemMessages();
            }

            var flags = _flags;
            if ((flags & SuspendMask) != 0)
            {
                if ((flags & FlagTerminated) != 0)
                {
                    DrainToDeadLetters();
                }

                return false;
            }

            if (budget-- <= 0)
            {
                return true;
            }

            if (!TryDequeue(out var message, out var sender))
            {
                return false;
            }

            Invoke(message, sender);
        }
    }

    private bool HasPendingWork()
    {
        if (Volatile.Read(ref _systemInbox) is not null)
        {
            return true;
        }

        var flags = Volatile.Read(ref _flags);
        // The tail, not head.Next: a producer that swapped the tail may not have linked its node yet.
        var queued = !ReferenceEquals(Volatile.Read(ref _tail), _head);
        if ((flags & FlagTerminated) != 0)
        {
            return queued;
        }

        if ((flags & SuspendMask) != 0)
        {
            return false;
        }

        return queued || _extras?.Unstashed is not null;
    }

    private bool TryDequeue(out object message, out IActorRef? sender)
    {
        var extras = _extras;
        if (extras?.Unstashed is { } unstashed)
        {
            extras.Unstashed = unstashed.Next;
            message = unstashed.Message!;
            sender = unstashed.Sender;
            return true;
        }

        var head = _head;
        var next = Volatile.Read(ref head.Next);
        if (next is null)
        {
            if (!ReferenceEquals(Volatile.Read(ref _tail), head))
            {
                // A producer swapped the tail but has not linked its node yet: it is a few instructions away.
                var spin = new SpinWait();
                while ((next = Volatile.Read(ref head.Next)) is null && !spin.NextSpinWillYield)
                {
                    spin.SpinOnce();
                }
            }

            if (next is null)
            {
                message = null!;
                sender = null;
                return false;
            }
        }

        _head = next;

        // Safe: head.Next is written exactly once, by the producer that linked next, which has happened.
        head.Next = null;
        message = next.Message!;
        sender = next.Sender;
        next.Message = null;
        next.Sender = null;
        return true;
    }

    private void DrainToDeadLetters()
    {
        while (TryDequeue(out var message, out var sender))
        {
            if (message is DeathWatchDelivery or ReceiveTimeoutTick or TimerMessage)
            {
                continue;
            }

            _system.DeadLetter(message, sender, this);
        }
    }

    private void Invoke(object message, IActorRef? sender)
    {
        _currentMessage = message;
        _currentSender = sender;

        // Restarted when a message arrives (before its handler, so the handler can still change or clear it).
        if (_extras?.ReceiveTimeout is not null && message is not INotInfluenceReceiveTimeout)
        {
            ResetReceiveTimeout();
        }

        try
        {
            if (message is IAutoReceivedMessage)
            {
                AutoReceive(message);
            }
            else
            {
                ReceiveMessage(message);
            }
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex);
        }
    }

    private void ReceiveMessage(object message)
    {
        var behaviors = _extras?.Behaviors;
        var actor = _actor!;
        var handled = behaviors is { Count: > 0 } ? behaviors[^1](message) : actor.InvokeReceive(message);
        if (!handled)
        {
            actor.InvokeUnhandled(message);
        }
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case TimerMessage timer:
                if (_extras?.Timers?.Accept(timer) == true)
                {
                    _currentMessage = timer.Message;
                    ReceiveMessage(timer.Message);
                }

                break;
            case DeathWatchDelivery delivery:
                if (_extras?.Watching is { } watching && watching.Remove(delivery.Actor, out var entry))
                {
                    var terminated = entry.CustomMessage ?? new Terminated(delivery.Actor, delivery.ExistenceConfirmed, false);
                    _currentMessage = terminated;
                    _currentSender = delivery.Actor;
                    ReceiveMessage(terminated);
                }

                break;
            case ReceiveTimeoutTick tick:
                if (_extras is { ReceiveTimeout: not null } extras && extras.ReceiveTimeoutGeneration == tick.Generation)
                {
                    // Still idle: deliver, and arm the next period.
                    ResetReceiveTimeout();
                    _currentMessage = Kernel.ReceiveTimeout.Instance;
                    ReceiveMessage(Kernel.ReceiveTimeout.Instance);
                }

                break;
            case PoisonPill:
                SendSystem(new Terminate());
                break;
            case Kill:
                throw new ActorKilledException(this);
            case Identify identify:
                _currentSender?.Tell(new ActorIdentity(identify.MessageId, this), this);
                break;
            default:
                ReceiveMessage(message);
                break;
        }
    }

    private void HandleInvokeFailure(Exception cause)
    {
        if ((_flags & (FlagTerminating | FlagTerminated)) != 0)
        {
            _system.Logger.LogError(cause, "Actor {ActorPath} failed while stopping", _path.ToString());
            return;
        }

        if ((_flags & FlagFailed) != 0)
        {
            _system.Logger.LogError(cause, "Actor {ActorPath} failed again while waiting for its supervisor", _path.ToString());
            return;
        }

        _flags = (_flags | FlagFailed) & ~FlagAwaiting;
        if (_extras is { } extras)
        {
            extras.PendingTask = null;
        }

        _parent.SendSystem(new Failed(this, cause));
    }
}
