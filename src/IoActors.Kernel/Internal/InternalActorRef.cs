namespace IoActors.Kernel.Internal;

/// <summary>The base of every kernel reference: adds the system-message channel to <see cref="IActorRef"/>.</summary>
// Sequential (it has no fields) so that ActorCell can use an explicit, cache-line-aware layout.
[global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]
internal abstract class InternalActorRef : IActorRef
{
    public abstract ActorPath Path { get; }

    /// <summary>The system the reference belongs to; <see langword="null"/> for <see cref="NobodyRef"/>.</summary>
    public abstract ActorSystem? System { get; }

    /// <summary>Whether the target is known to be stopped.</summary>
    public abstract bool IsTerminated { get; }

    public abstract void Tell(object message, IActorRef? sender);

    /// <summary>Enqueues a system message, which overtakes user messages.</summary>
    public abstract void SendSystem(SystemMessage message);

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => global::System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    public override string ToString() => $"[{Path}]";

    /// <summary>Casts a user-supplied reference, with a clear error for foreign implementations.</summary>
    public static InternalActorRef From(IActorRef actor, string paramName)
    {
        ArgumentNullException.ThrowIfNull(actor, paramName);
        return actor as InternalActorRef ?? throw new ArgumentException(
            $"'{actor.GetType().FullName}' is not an actor reference created by the kernel; only references from ActorOf, Sender, Self and the like can be watched or stopped.", paramName);
    }
}
