using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using IoActors.Platform.Hosting;

namespace IoActors.Manager.State;

/// <summary>A user's actor asks to stop: it has been idle.</summary>
internal sealed record Passivate(IActorRef Child);

/// <summary>
/// The parent of the per-user actors: starts a <see cref="UserStateActor"/> on the first message for a user and
/// forwards to it; an idle child asks to stop, and messages that arrive meanwhile wait (at most
/// <see cref="MaxBufferedPerUser"/>) and go to a fresh child once it has stopped, so nothing sent is lost.
/// </summary>
internal sealed class UsersActor : ReceiveActor
{
    internal const int MaxBufferedPerUser = 1000;

    private readonly Func<string, Props> _props;
    private readonly Dictionary<string, IActorRef> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _names = [];
    private readonly Dictionary<string, List<(object Message, IActorRef Sender)>> _waiting = new(StringComparer.Ordinal);

    public UsersActor(PlatformJournal journal, Configuration.ManagerLimitsOptions limits, TimeProvider clock, TimeSpan idle)
    {
        _props = key => Props.Create(() => new UserStateActor("ioactors-manager-user-" + key, journal, limits, clock, idle));
        Receive<UserCommand>(command =>
        {
            var key = KeyOf(command.User);
            if (_waiting.TryGetValue(key, out var queue))
            {
                if (queue.Count >= MaxBufferedPerUser)
                {
                    Sender.Tell(new ManagerRefusal(503, "Busy", $"user '{Names.Printable(command.User)}': {MaxBufferedPerUser} requests wait already; try again"));
                    return;
                }

                queue.Add((command, Sender));
                return;
            }

            Child(key).Forward(command);
        });
        Receive<Passivate>(passivate =>
        {
            if (_names.TryGetValue(passivate.Child, out var key) && !_waiting.ContainsKey(key))
            {
                _waiting[key] = [];
                Context.Stop(passivate.Child);
            }
        });
        Receive<Terminated>(terminated =>
        {
            if (!_names.Remove(terminated.ActorRef, out var key))
            {
                return;
            }

            _children.Remove(key);
            if (_waiting.Remove(key, out var queue) && queue.Count > 0)
            {
                var child = Child(key);
                foreach (var (message, sender) in queue)
                {
                    child.Tell(message, sender);
                }
            }
        });
    }

    /// <summary>The key of a user (case-insensitive): 32 hex digits of the SHA-256 of the upper-cased id, for the actor name and persistence id.</summary>
    internal static string KeyOf(string user) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(user.ToUpperInvariant())).AsSpan(0, 16));

    private IActorRef Child(string key)
    {
        if (!_children.TryGetValue(key, out var child))
        {
            child = Context.ActorOf(_props(key), "u-" + key);
            Context.Watch(child);
            _children[key] = child;
            _names[child] = key;
        }

        return child;
    }
}
