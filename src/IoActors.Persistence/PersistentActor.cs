using IoActors.Kernel;
using Microsoft.Extensions.Logging;

namespace IoActors.Persistence;

/// <summary>
/// An event-sourced actor (Akka.Persistence semantics). On start it recovers: the latest snapshot is offered to
/// <see cref="ReceiveRecover"/> as a <see cref="SnapshotOffer"/>, the later events are replayed to it in order, then
/// it receives <see cref="RecoveryCompleted"/>. Commands go to <see cref="ReceiveCommand"/>, which calls
/// <see cref="Persist{TEvent}"/> / <see cref="PersistAll{TEvent}"/>; the events are written to the journal after the
/// command handler returns, and their handlers run once the write succeeded. Until then, and during recovery, the actor
/// processes no other command: incoming commands wait in the mailbox, in order, and <c>Sender</c> stays the sender of the
/// command whose events are being persisted.
/// </summary>
/// <remarks>
/// <para>
/// The journal and snapshot store come from <see cref="PersistenceExtension.Configure(ActorSystem, IJournal, ISnapshotStore)"/>
/// (override <see cref="Journal"/> / <see cref="SnapshotStore"/> to use others). Journal I/O runs as awaited work off the
/// dispatcher: the actor's message processing is suspended, not its thread.
/// </para>
/// <para>
/// A failed write calls <see cref="OnPersistFailure"/> (logs), publishes <see cref="PersistFailure"/> and stops the actor,
/// since its state can no longer be trusted to match the journal. An event that cannot be serialized is rejected:
/// <see cref="OnPersistRejected"/> logs it, the handler does not run, and the actor continues. A failed recovery calls
/// <see cref="OnRecoveryFailure"/> (logs), publishes <see cref="RecoveryFailure"/> and stops the actor.
/// </para>
/// <para>If you override <see cref="ActorBase.PreStart"/>, call the base implementation (it starts recovery).</para>
/// </remarks>
public abstract class PersistentActor : ActorBase
{
    // Replay is read in pages so that event handlers run on the actor (not on the I/O thread) with bounded memory.
    private const int ReplayPageSize = 2048;

    // Writes requested by the current command (or persist handler), written in order when it returns.
    private readonly Queue<PendingWrite> _pendingWrites = new();
    private Phase _phase;
    private long _lastSequenceNr;
    // True while ReceiveCommand or a persist handler runs: the only places Persist may be called.
    private bool _canPersist;
    private PersistencePlugins? _plugins;

    private enum Phase
    {
        NotStarted,
        Recovering,
        Running,
        Failed,
    }

    /// <summary>The id of the event stream this actor owns; it must be unique and stable across restarts.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>The sequence number of the last event persisted or replayed (0 before any).</summary>
    public long LastSequenceNr => _lastSequenceNr;

    /// <summary>The sequence number a snapshot saved now is stored at: <see cref="LastSequenceNr"/> (as in Akka).</summary>
    public long SnapshotSequenceNr => _lastSequenceNr;

    /// <summary>Whether the actor is recovering (replaying its snapshot and events).</summary>
    public bool IsRecovering => _phase == Phase.Recovering;

    /// <summary>Whether recovery has completed.</summary>
    public bool IsRecoveryFinished => _phase == Phase.Running;

    /// <summary>How the actor recovers. The default is <see cref="Persistence.Recovery.Default"/> (latest snapshot, then every later event).</summary>
    protected virtual Recovery Recovery => Recovery.Default;

    /// <summary>The journal. The default is the one configured for the actor system with <see cref="PersistenceExtension"/>.</summary>
    protected virtual IJournal Journal => Plugins.Journal;

    /// <summary>The snapshot store. The default is the one configured for the actor system with <see cref="PersistenceExtension"/>.</summary>
    protected virtual ISnapshotStore SnapshotStore => Plugins.SnapshotStore;

    private PersistencePlugins Plugins => _plugins ??= PersistenceExtension.Get(Context.System);

    /// <summary>Handles a recovery message: a <see cref="SnapshotOffer"/>, a replayed event, or <see cref="RecoveryCompleted"/>.</summary>
    /// <param name="message">The message.</param>
    /// <returns>Whether it was handled.</returns>
    protected abstract bool ReceiveRecover(object message);

    /// <summary>Handles a command; call <see cref="Persist{TEvent}"/> to persist the events it causes.</summary>
    /// <param name="message">The command (or a reply such as <see cref="SaveSnapshotSuccess"/>).</param>
    /// <returns>Whether it was handled.</returns>
    protected abstract bool ReceiveCommand(object message);

    /// <summary>Starts recovery. Overrides must call it.</summary>
    protected override void PreStart() => Self.Tell(RecoveryStart.Instance, Self);

    /// <summary>
    /// Persists <paramref name="event"/> after the current command handler returns, then runs <paramref name="handler"/>
    /// with it (where <see cref="LastSequenceNr"/> is the event's sequence number). Commands wait until then.
    /// </summary>
    /// <typeparam name="TEvent">The event type.</typeparam>
    /// <param name="event">The event.</param>
    /// <param name="handler">Applies the event to the state once it is stored.</param>
    /// <exception cref="InvalidOperationException">Called outside a command handler or persist handler.</exception>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(handler);
        EnsureCanPersist(nameof(Persist));
        _pendingWrites.Enqueue(new PendingWrite([new PendingEvent(@event, e => handler((TEvent)e))]));
    }

    /// <summary>
    /// Persists <paramref name="events"/> atomically (all or none) after the current command handler returns, then runs
    /// <paramref name="handler"/> for each, in order. Commands wait until then. An empty sequence persists nothing.
    /// </summary>
    /// <typeparam name="TEvent">The event type.</typeparam>
    /// <param name="events">The events.</param>
    /// <param name="handler">Applies each event to the state once they are stored.</param>
    /// <exception cref="InvalidOperationException">Called outside a command handler or persist handler.</exception>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(handler);
        EnsureCanPersist(nameof(PersistAll));
        var pending = new List<PendingEvent>();
        foreach (var @event in events)
        {
            ArgumentNullException.ThrowIfNull(@event, nameof(events));
            pending.Add(new PendingEvent(@event, e => handler((TEvent)e)));
        }

        if (pending.Count > 0)
        {
            _pendingWrites.Enqueue(new PendingWrite(pending));
        }
    }

    /// <summary>
    /// Saves <paramref name="snapshot"/> at <see cref="SnapshotSequenceNr"/> in the background; the actor then receives
    /// <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/> as a command. Pass an immutable value: it
    /// is serialized on another thread.
    /// </summary>
    /// <param name="snapshot">The state.</param>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var metadata = new SnapshotMetadata(PersistenceId, SnapshotSequenceNr);
        var store = SnapshotStore;
        RunInBackground(
            async () => new SaveSnapshotSuccess(await store.SaveAsync(metadata, snapshot).ConfigureAwait(false)),
            e => new SaveSnapshotFailure(metadata, e));
    }

    /// <summary>
    /// Deletes the events up to <paramref name="toSequenceNr"/> (<see cref="long.MaxValue"/>: up to <see cref="LastSequenceNr"/>)
    /// in the background; the actor then receives <see cref="DeleteMessagesSuccess"/> or <see cref="DeleteMessagesFailure"/>.
    /// The sequence numbering continues after <see cref="LastSequenceNr"/>.
    /// </summary>
    /// <param name="toSequenceNr">The highest sequence number to delete; it may not exceed <see cref="LastSequenceNr"/>.</param>
    protected void DeleteMessages(long toSequenceNr)
    {
        var to = toSequenceNr == long.MaxValue ? _lastSequenceNr : toSequenceNr;
        var self = Self;
        if (to > _lastSequenceNr)
        {
            self.Tell(
                new DeleteMessagesFailure(
                    new ArgumentOutOfRangeException(
                        nameof(toSequenceNr), toSequenceNr, $"Cannot delete events up to {toSequenceNr}: the last sequence number of '{PersistenceId}' is {_lastSequenceNr}."),
                    toSequenceNr),
                self);
            return;
        }

        var journal = Journal;
        var pid = PersistenceId;
        RunInBackground(
            async () =>
            {
                await journal.DeleteToAsync(pid, to).ConfigureAwait(false);
                return new DeleteMessagesSuccess(to);
            },
            e => new DeleteMessagesFailure(e, to));
    }

    /// <summary>Deletes the snapshot at <paramref name="sequenceNr"/>; the actor then receives <see cref="DeleteSnapshotSuccess"/> or <see cref="DeleteSnapshotFailure"/>.</summary>
    /// <param name="sequenceNr">The snapshot's sequence number.</param>
    protected void DeleteSnapshot(long sequenceNr)
    {
        var metadata = new SnapshotMetadata(PersistenceId, sequenceNr);
        var store = SnapshotStore;
        RunInBackground(
            async () =>
            {
                await store.DeleteAsync(metadata).ConfigureAwait(false);
                return new DeleteSnapshotSuccess(metadata);
            },
            e => new DeleteSnapshotFailure(metadata, e));
    }

    /// <summary>Deletes the snapshots matching <paramref name="criteria"/>; the actor then receives <see cref="DeleteSnapshotsSuccess"/> or <see cref="DeleteSnapshotsFailure"/>.</summary>
    /// <param name="criteria">Which snapshots to delete.</param>
    protected void DeleteSnapshots(SnapshotSelectionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var store = SnapshotStore;
        var pid = PersistenceId;
        RunInBackground(
            async () =>
            {
                await store.DeleteAsync(pid, criteria).ConfigureAwait(false);
                return new DeleteSnapshotsSuccess(criteria);
            },
            e => new DeleteSnapshotsFailure(criteria, e));
    }

    /// <summary>
    /// Called when recovery failed, before the actor is stopped. The default logs the error.
    /// </summary>
    /// <param name="reason">Why recovery failed.</param>
    /// <param name="sequenceNr">The sequence number of the event being replayed, if the failure happened while applying one.</param>
    protected virtual void OnRecoveryFailure(Exception reason, long? sequenceNr)
    {
        Context.Log.LogError(
            reason,
            "Persistent actor {PersistenceId} failed to recover{AtSequenceNr}; it is stopped.",
            SafePersistenceId(),
            sequenceNr is { } seq ? $" while replaying event {seq}" : "");
    }

    /// <summary>Called when a journal write failed, before the actor is stopped. The default logs the error.</summary>
    /// <param name="cause">Why the write failed.</param>
    /// <param name="event">The first event of the failed write.</param>
    /// <param name="sequenceNr">Its sequence number.</param>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Context.Log.LogError(
            cause,
            "Failed to persist event {EventType} with sequence number {SequenceNr} for persistence id {PersistenceId}; the actor is stopped.",
            @event.GetType().Name,
            sequenceNr,
            PersistenceId);
    }

    /// <summary>
    /// Called when the journal rejected a write (an event could not be serialized); nothing of it was stored, its
    /// handlers do not run, and the actor continues. The default logs a warning.
    /// </summary>
    /// <param name="cause">Why the write was rejected.</param>
    /// <param name="event">The first event of the rejected write.</param>
    /// <param name="sequenceNr">The sequence number it would have had.</param>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        Context.Log.LogWarning(
            cause,
            "Rejected to persist event {EventType} with sequence number {SequenceNr} for persistence id {PersistenceId}: {Reason}",
            @event.GetType().Name,
            sequenceNr,
            PersistenceId,
            cause.Message);
    }

    /// <summary>Routes every message through recovery or command handling, as awaited work of the actor.</summary>
    /// <param name="message">The message.</param>
    /// <returns>Always true: unhandled commands are passed to <see cref="ActorBase.Unhandled"/> here.</returns>
    protected sealed override bool Receive(object message)
    {
        ActorTaskScheduler.RunTask(() => RouteAsync(message));
        return true;
    }

    private Task RouteAsync(object message)
    {
        switch (_phase)
        {
            case Phase.NotStarted:
                _phase = Phase.Recovering;
                return RecoverThenHandleAsync(message);
            case Phase.Running:
                return message is RecoveryStart ? Task.CompletedTask : HandleCommandAsync(message);
            default:
                // Recovering (cannot happen: the mailbox waits for recovery) or Failed (the actor is stopping).
                return Task.CompletedTask;
        }
    }

    private async Task RecoverThenHandleAsync(object first)
    {
        long? replaying = null;
        try
        {
            var recovery = Recovery;
            var pid = PersistenceId;
            if (string.IsNullOrEmpty(pid))
            {
                throw new InvalidOperationException($"The PersistenceId of '{GetType().FullName}' is empty.");
            }

            var journal = Journal;
            if (recovery.FromSnapshot != SnapshotSelectionCriteria.None)
            {
                var store = SnapshotStore;
                var snapshot = await Task.Run(() => store.LoadAsync(pid, recovery.FromSnapshot));
                if (snapshot is not null)
                {
                    _lastSequenceNr = snapshot.Metadata.SequenceNr;
                    InvokeRecover(new SnapshotOffer(snapshot.Metadata, snapshot.Snapshot));
                }
            }

            var remaining = recovery.ReplayMax;
            var buffer = new List<PersistentRepr>();
            while (remaining > 0 && _lastSequenceNr < recovery.ToSequenceNr)
            {
                buffer.Clear();
                var from = _lastSequenceNr + 1;
                var page = Math.Min(remaining, ReplayPageSize);
                await Task.Run(() => journal.ReplayAsync(pid, from, recovery.ToSequenceNr, page, buffer.Add));
                foreach (var repr in buffer)
                {
                    replaying = repr.SequenceNr;
                    _lastSequenceNr = repr.SequenceNr;
                    InvokeRecover(repr.Payload);
                }

                replaying = null;
                if (buffer.Count < page)
                {
                    break;
                }

                remaining -= buffer.Count;
            }

            // New events continue after the highest ever written, even if the newest were deleted or not replayed.
            var known = _lastSequenceNr;
            var highest = await Task.Run(() => journal.ReadHighestSequenceNrAsync(pid, known));
            _lastSequenceNr = Math.Max(_lastSequenceNr, highest);
            _phase = Phase.Running;
            InvokeRecover(RecoveryCompleted.Instance);
        }
        catch (Exception e)
        {
            _phase = Phase.Failed;
            _pendingWrites.Clear();
            Context.System.EventStream.Publish(new RecoveryFailure(Self, SafePersistenceId(), e, replaying));
            OnRecoveryFailure(e, replaying);
            Context.Stop(Self);
            return;
        }

        if (first is not RecoveryStart)
        {
            await HandleCommandAsync(first);
        }
    }

    private void InvokeRecover(object message)
    {
        if (!ReceiveRecover(message) && message is not RecoveryCompleted and not SnapshotOffer)
        {
            Unhandled(message);
        }
    }

    private Task HandleCommandAsync(object message)
    {
        _canPersist = true;
        bool handled;
        try
        {
            handled = ReceiveCommand(message);
        }
        catch
        {
            // Events of a command that failed are not persisted (the actor restarts and recovers).
            _pendingWrites.Clear();
            throw;
        }
        finally
        {
            _canPersist = false;
        }

        if (!handled)
        {
            OnUnhandledCommand(message);
        }

        return _pendingWrites.Count == 0 ? Task.CompletedTask : FlushAsync();
    }

    private void OnUnhandledCommand(object message)
    {
        switch (message)
        {
            case SaveSnapshotSuccess or DeleteMessagesSuccess or DeleteSnapshotSuccess or DeleteSnapshotsSuccess:
                return; // Confirmations nobody asked to see.
            case SaveSnapshotFailure f:
                Context.Log.LogWarning(f.Cause, "Saving the snapshot of {PersistenceId} at {SequenceNr} failed.", PersistenceId, f.Metadata.SequenceNr);
                return;
            case DeleteMessagesFailure f:
                Context.Log.LogWarning(f.Cause, "Deleting the events of {PersistenceId} up to {SequenceNr} failed.", PersistenceId, f.ToSequenceNr);
                return;
            case DeleteSnapshotFailure f:
                Context.Log.LogWarning(f.Cause, "Deleting the snapshot of {PersistenceId} at {SequenceNr} failed.", PersistenceId, f.Metadata.SequenceNr);
                return;
            case DeleteSnapshotsFailure f:
                Context.Log.LogWarning(f.Cause, "Deleting snapshots of {PersistenceId} matching {Criteria} failed.", PersistenceId, f.Criteria);
                return;
            default:
                Unhandled(message);
                return;
        }
    }

    private async Task FlushAsync()
    {
        var journal = Journal;
        var pid = PersistenceId;
        while (_pendingWrites.TryDequeue(out var write))
        {
            var first = _lastSequenceNr + 1;
            var batch = new PersistentRepr[write.Events.Count];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = new PersistentRepr(pid, first + i, write.Events[i].Payload);
            }

            try
            {
                await Task.Run(() => journal.WriteAsync(pid, batch));
            }
            catch (Exception e) when (e is PersistenceSerializationException)
            {
                OnPersistRejected(e, write.Events[0].Payload, first);
                continue;
            }
            catch (Exception e)
            {
                _pendingWrites.Clear();
                _phase = Phase.Failed;
                Context.System.EventStream.Publish(new PersistFailure(Self, pid, e, first));
                OnPersistFailure(e, write.Events[0].Payload, first);
                Context.Stop(Self);
                return;
            }

            _canPersist = true;
            try
            {
                for (var i = 0; i < batch.Length; i++)
                {
                    _lastSequenceNr = first + i;
                    write.Events[i].Handler(write.Events[i].Payload);
                }
            }
            finally
            {
                _canPersist = false;
            }
        }
    }

    private void EnsureCanPersist(string method)
    {
        if (!_canPersist || _phase != Phase.Running)
        {
            throw new InvalidOperationException(
                $"{method} was called on '{SafePersistenceId()}' outside a command handler or persist handler (e.g. during recovery, after an await, or from another thread).");
        }
    }

    private void RunInBackground(Func<Task<object>> work, Func<Exception, object> onFailure)
    {
        var self = Self;
        _ = Task.Run(async () =>
        {
            object reply;
            try
            {
                reply = await work().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                reply = onFailure(e);
            }

            self.Tell(reply, self);
        });
    }

    private string SafePersistenceId()
    {
        try
        {
            return PersistenceId;
        }
        catch (Exception)
        {
            return "(PersistenceId threw)";
        }
    }

    private sealed record PendingEvent(object Payload, Action<object> Handler);

    private sealed record PendingWrite(IReadOnlyList<PendingEvent> Events);
}
