using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Persistence;
using IoActors.Platform.Hosting;

namespace IoActors.Manager.State;

/// <summary>Opens a session; the answer is the <see cref="ManagerSession"/>.</summary>
internal sealed record OpenSession(string User, string Machine, string Glue);

/// <summary>Closes one of the user's sessions; the answer is <see cref="Done"/>.</summary>
internal sealed record CloseSession(string User, string Id);

/// <summary>A request of the session arrived (told, not asked).</summary>
internal sealed record TouchSession(string Id);

/// <summary>The sessions, of one user or all, newest first; the answer is a <c>ManagerSession[]</c>.</summary>
internal sealed record GetSessions(string? User);

/// <summary>Whether a session is open for the user; the answer is a <see cref="SessionOpenness"/>. Asked when a node's index does not know a session yet (cluster mode).</summary>
internal sealed record IsSessionOpen(string Id, string User);

/// <summary>The answer to <see cref="IsSessionOpen"/>.</summary>
internal sealed record SessionOpenness(bool Open);

/// <summary>Queues a command for a session; the answer is the <see cref="ManagerCommand"/>.</summary>
internal sealed record QueueCommand(string Actor, string Session, string Command, string? Params);

/// <summary>A session's commands, oldest first; the answer is a <c>ManagerCommand[]</c>.</summary>
internal sealed record GetCommands(string Session);

/// <summary>A client posts a command's result; the answer is the updated <see cref="ManagerCommand"/>.</summary>
internal sealed record CompleteCommand(string User, string CommandId, string ResultType, string? ResultData);

/// <summary>The open sessions by id with their user, which token checks read without asking the sessions actor.</summary>
internal sealed class SessionIndex
{
    private readonly ConcurrentDictionary<string, string> _open = new(StringComparer.Ordinal);

    public bool IsOpen(string session, string user) =>
        _open.TryGetValue(session, out var owner) && string.Equals(owner, user, StringComparison.OrdinalIgnoreCase);

    internal void Opened(string session, string user) => _open[session] = user;

    internal void Closed(string session) => _open.TryRemove(session, out _);

    internal void Reset(IEnumerable<ManagerSession> sessions)
    {
        _open.Clear();
        foreach (var session in sessions.Where(s => s.Closed is null))
        {
            _open[session.Id] = session.User;
        }
    }

    /// <summary>Applies a persisted sessions event (a node's replica of the sessions journal).</summary>
    internal void Apply(object e)
    {
        switch (e)
        {
            case SessionOpened opened:
                Opened(opened.Session.Id, opened.Session.User);
                break;
            case SessionClosed closed:
                Closed(closed.Id);
                break;
        }
    }
}

/// <summary>
/// The clients' sessions and the commands queued for them (persistence id <c>ioactors-manager-sessions</c>), bounded by
/// <c>manager.limits.maxSessions</c> (closed sessions go first, then the least recently seen) and
/// <c>maxCommandsPerSession</c> (completed commands go first). Last-seen times are journaled at most once a minute per session.
/// </summary>
internal sealed class SessionsActor : SnapshottingActor
{
    private const int SnapshotEvery = 500;
    private static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(1);

    private readonly SessionIndex _index;
    private readonly IActorRef _audit;
    private readonly Configuration.ManagerLimitsOptions _limits;
    private readonly TimeProvider _clock;
    private readonly Action<long>? _changed;
    private readonly Dictionary<string, ManagerSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ManagerCommand>> _commands = new(StringComparer.Ordinal);

    // changed: Called with the journal's sequence number after a session opened or closed (cluster mode: the notice to the other nodes).
    public SessionsActor(PlatformJournal journal, SessionIndex index, IActorRef audit, Configuration.ManagerLimitsOptions limits, TimeProvider clock, Action<long>? changed = null)
        : base(journal)
    {
        _changed = changed;
        _index = index;
        _audit = audit;
        _limits = limits;
        _clock = clock;
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is SessionsSnapshot snapshot)
            {
                foreach (var session in snapshot.Sessions)
                {
                    _sessions[session.Id] = session;
                }

                foreach (var command in snapshot.Commands)
                {
                    CommandsOf(command.Session).Add(command);
                }
            }
        });
        Recover<object>(Apply);
        Command<OpenSession>(open =>
        {
            var now = _clock.GetUtcNow();
            var events = new List<object>();
            events.AddRange(Evictions());
            events.Add(new SessionOpened(new ManagerSession(Guid.NewGuid().ToString("N"), open.User, open.Machine, open.Glue, now, now, null)));
            var sender = Sender;
            PersistAll(events, Apply);
            DeferAsync(events, _ =>
            {
                SnapshotWhenDue(SnapshotEvery, Snapshot);
                sender.Tell(((SessionOpened)events[^1]).Session);
            });
        });
        Command<CloseSession>(close =>
        {
            if (!_sessions.TryGetValue(close.Id, out var session) || !string.Equals(session.User, close.User, StringComparison.OrdinalIgnoreCase))
            {
                Sender.Tell(ManagerRefusal.Of(ManagerException.NotFound($"session '{Names.Printable(close.Id)}' is not one of the user's")));
                return;
            }

            if (session.Closed is not null)
            {
                Sender.Tell(Done.Instance);
                return;
            }

            var sender = Sender;
            Persist(new SessionClosed(close.Id, _clock.GetUtcNow()), e =>
            {
                Apply(e);
                sender.Tell(Done.Instance);
            });
        });
        Command<TouchSession>(touch =>
        {
            var now = _clock.GetUtcNow();
            if (_sessions.TryGetValue(touch.Id, out var session) && session.Closed is null && now - session.LastSeen >= SeenResolution)
            {
                Persist(new SessionSeen(touch.Id, now), Apply);
            }
        });
        Command<IsSessionOpen>(query => Sender.Tell(new SessionOpenness(
            _sessions.TryGetValue(query.Id, out var known) && known.Closed is null && string.Equals(known.User, query.User, StringComparison.OrdinalIgnoreCase))));
        Command<GetSessions>(query => Sender.Tell(_sessions.Values
            .Where(s => query.User is null || string.Equals(s.User, query.User, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(s => s.Started)
            .ToArray()));
        Command<QueueCommand>(queue =>
        {
            if (!_sessions.TryGetValue(queue.Session, out var session))
            {
                Sender.Tell(ManagerRefusal.Of(ManagerException.NotFound($"session '{Names.Printable(queue.Session)}' does not exist")));
                return;
            }

            if (session.Closed is not null)
            {
                Sender.Tell(ManagerRefusal.Of(ManagerException.Conflict($"session '{queue.Session}' was closed at {session.Closed:O}")));
                return;
            }

            var events = new List<object>();
            var commands = CommandsOf(queue.Session);
            if (commands.Count >= _limits.MaxCommandsPerSession)
            {
                if (commands.FirstOrDefault(c => c.Status != "new") is not { } done)
                {
                    Sender.Tell(ManagerRefusal.Of(ManagerException.Conflict($"session '{queue.Session}' has {commands.Count} commands without a result; manager.limits.maxCommandsPerSession is {_limits.MaxCommandsPerSession}")));
                    return;
                }

                events.Add(new CommandCompleted(done.Id, "dropped", null, _clock.GetUtcNow()));
            }

            var command = new ManagerCommand(Guid.NewGuid().ToString("N"), session.Id, session.User, MachineName(session.Machine), queue.Actor, _clock.GetUtcNow(), queue.Command, queue.Params, "new", null, null, null);
            events.Add(new CommandQueued(command));
            var sender = Sender;
            PersistAll(events, Apply);
            DeferAsync(events, _ =>
            {
                _audit.Tell(new AuditEntry(command.CreatedAt, queue.Actor, "command.queue", $"{session.Id}/{command.Id}", queue.Command));
                sender.Tell(command);
            });
        });
        // A deleted user's open sessions end: their tokens are refused from then on.
        Command<UserDeleted>(deleted =>
        {
            var now = _clock.GetUtcNow();
            var closing = _sessions.Values
                .Where(s => s.Closed is null && string.Equals(s.User, deleted.Id, StringComparison.OrdinalIgnoreCase))
                .Select(s => (object)new SessionClosed(s.Id, now))
                .ToList();
            if (closing.Count > 0)
            {
                PersistAll(closing, Apply);
            }
        });
        Command<GetCommands>(query => Sender.Tell((_commands.GetValueOrDefault(query.Session) ?? []).ToArray()));
        Command<CompleteCommand>(complete =>
        {
            var command = _commands.Values.SelectMany(c => c).FirstOrDefault(c => c.Id == complete.CommandId);
            if (command is null || !string.Equals(command.User, complete.User, StringComparison.OrdinalIgnoreCase))
            {
                Sender.Tell(ManagerRefusal.Of(ManagerException.NotFound($"command '{Names.Printable(complete.CommandId)}' is not one of the user's")));
                return;
            }

            var sender = Sender;
            Persist(new CommandCompleted(command.Id, complete.ResultType, complete.ResultData, _clock.GetUtcNow()), e =>
            {
                Apply(e);
                sender.Tell(_commands[command.Session].First(c => c.Id == command.Id));
            });
        });
    }

    public override string PersistenceId => "ioactors-manager-sessions";

    /// <summary>Its events are fleet facts (GET /admin/events resumes from any offset) and, in cluster mode, what every node's replica reads: they stay after snapshots.</summary>
    protected override bool KeepEvents => true;

    protected override void PreStart()
    {
        base.PreStart();
        Context.System.EventStream.Subscribe(Self, typeof(UserDeleted));
    }

    protected override void OnReplaySuccess()
    {
        foreach (var session in _sessions.Values.Where(s => s.Closed is null))
        {
            _index.Opened(session.Id, session.User);
        }
    }

    private IEnumerable<object> Evictions()
    {
        if (_sessions.Count < _limits.MaxSessions)
        {
            yield break;
        }

        var victim = _sessions.Values.Where(s => s.Closed is not null).MinBy(s => s.Closed)
            ?? _sessions.Values.MinBy(s => s.LastSeen)!;
        yield return new SessionClosed(victim.Id, _clock.GetUtcNow()) { Evict = true };
    }

    private static string MachineName(string machine)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(machine);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("name", out var name) && name.ValueKind == System.Text.Json.JsonValueKind.String
                ? name.GetString()!
                : string.Empty;
        }
        catch (System.Text.Json.JsonException)
        {
            return string.Empty;
        }
    }

    private List<ManagerCommand> CommandsOf(string session)
    {
        if (!_commands.TryGetValue(session, out var list))
        {
            _commands[session] = list = [];
        }

        return list;
    }

    private void Apply(object e)
    {
        if (!IsRecovering && e is not SessionSeen)
        {
            Context.System.EventStream.Publish(e);
            if (e is SessionOpened or SessionClosed)
            {
                _changed?.Invoke(LastSequenceNr);
            }
        }

        switch (e)
        {
            case SessionOpened opened:
                _sessions[opened.Session.Id] = opened.Session;
                _index.Opened(opened.Session.Id, opened.Session.User);
                break;
            case SessionClosed { Evict: true } evicted:
                _sessions.Remove(evicted.Id);
                _commands.Remove(evicted.Id);
                _index.Closed(evicted.Id);
                break;
            case SessionClosed closed:
                if (_sessions.TryGetValue(closed.Id, out var session))
                {
                    _sessions[closed.Id] = session with { Closed = closed.At, LastSeen = closed.At };
                }

                _index.Closed(closed.Id);
                break;
            case SessionSeen seen:
                if (_sessions.TryGetValue(seen.Id, out var known))
                {
                    _sessions[seen.Id] = known with { LastSeen = seen.At };
                }

                break;
            case CommandQueued queued:
                CommandsOf(queued.Command.Session).Add(queued.Command);
                break;
            case CommandCompleted completed:
                foreach (var (sessionId, commands) in _commands)
                {
                    var i = commands.FindIndex(c => c.Id == completed.Id);
                    if (i < 0)
                    {
                        continue;
                    }

                    if (completed.ResultType == "dropped")
                    {
                        commands.RemoveAt(i);
                    }
                    else
                    {
                        commands[i] = commands[i] with { Status = "completed", ResultType = completed.ResultType, ResultData = completed.ResultData, ResultAt = completed.At };
                    }

                    break;
                }

                break;
        }
    }

    private object Snapshot() => new SessionsSnapshot([.. _sessions.Values], [.. _commands.Values.SelectMany(c => c)]);
}
