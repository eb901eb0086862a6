using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using IoActors.Apps.Stores;

namespace IoActors.Platform.Hosting;

/// <summary>
/// Keeps the in-memory store's imports across restarts. It stands in front of the stores actor: an import, remove or
/// clear goes to the store, then the store's whole new set is persisted, and only then is the caller answered, so an
/// acknowledged change survives a killed process. Changes run one at a time (later commands wait in the stash). After
/// its recovery it restores the last set into the store before anything else, and tells its parent
/// <see cref="Restored"/> (the boot plans from the registry after that). Everything else is forwarded to the stores
/// actor unchanged. Each event holds the whole set, so older ones are deleted.
/// </summary>
internal sealed class InMemoryStoreJournal : ReceivePersistentActor
{
    public const string Id = "ioactors-in-memory-store";
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _stores;
    private InMemoryAppsPersisted? _last;

    // Restoring or changing: every other command waits in the stash.
    private bool _busy;

    // The caller of the change being persisted, with its answer.
    private (IActorRef Sender, object Reply)? _pending;

    public InMemoryStoreJournal(IActorRef stores, PlatformJournal journal)
    {
        _stores = stores;
        JournalPluginId = journal.JournalPluginId;
        SnapshotPluginId = journal.SnapshotPluginId;
        Recover<InMemoryAppsPersisted>(set => _last = set);
        Recover<RecoveryCompleted>(_ => BeginRestore());
        Command<RestoreDone>(done =>
        {
            if (done.Result is { } result)
            {
                _log.Info("Restored {Count} in-memory apps from the journal", result.Imported.Count);
                foreach (var error in result.Errors)
                {
                    _log.Warning("In-memory app {App} not restored: {Error}", error.App, error.Error);
                }
            }
            else if (done.Failure is { } failure)
            {
                // Keep the platform up without the imports rather than failing the boot; the journal is left as it was.
                _log.Error(failure, "Could not restore the in-memory apps from the journal");
            }

            Context.Parent.Tell(Restored.Instance, Self);
            Idle();
        });
        Command<Changed>(changed =>
        {
            _pending = (changed.Sender, changed.Reply);
            Persist(changed.Set, _ =>
            {
                Answer();
                if (LastSequenceNr > 1)
                {
                    // Each event holds the whole set: older ones are not needed any more.
                    DeleteMessages(LastSequenceNr - 1);
                }

                Idle();
            });
        });
        Command<ChangeFailed>(failed =>
        {
            failed.Sender.Tell(new Status.Failure(failed.Cause), Self);
            Idle();
        });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(m => _log.Warning("Could not delete the in-memory store's older events: {Error}", m.Cause.Message));
        CommandAny(message =>
        {
            if (_busy)
            {
                Stash.Stash();
            }
            else if (message is ImportApps or RemoveInMemoryApp or ClearInMemoryApps)
            {
                Change(message);
            }
            else
            {
                _stores.Forward(message);
            }
        });
    }

    /// <inheritdoc />
    public override string PersistenceId => Id;

    public static Props Props(IActorRef stores, PlatformJournal journal) => Akka.Actor.Props.Create(() => new InMemoryStoreJournal(stores, journal));

    /// <inheritdoc />
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        // The boot must not wait for a restore that cannot be done.
        _log.Error(reason, "Could not read the in-memory apps from the journal; the platform starts without them");
        Context.Parent.Tell(Restored.Instance, Self);
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "In-memory store change was not persisted; the in-memory store journal stops");
        Fail(cause);
    }

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "In-memory store change was not persisted (the journal rejected it)");
        Fail(cause);
        Idle();
    }

    // A definition's stored text is its text as the store read it, so it may hold comments and trailing commas.
    private static readonly JsonDocumentOptions StoredTextOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private void BeginRestore()
    {
        _busy = true;
        List<JsonElement> definitions;
        try
        {
            definitions = _last is { Definitions.Count: > 0 } last
                ? last.Definitions.Select(d => JsonDocument.Parse(d, StoredTextOptions).RootElement.Clone()).ToList()
                : [];
        }
        catch (JsonException ex)
        {
            Self.Tell(new RestoreDone(null, ex), Self);
            return;
        }

        if (definitions.Count == 0)
        {
            Self.Tell(new RestoreDone(null, null), Self);
            return;
        }

        _stores.Ask<ImportResult>(new ImportApps(definitions, ImportMode.Replace), AskTimeout)
            .PipeTo(Self, Self, r => new RestoreDone(r, null), e => new RestoreDone(null, e));
    }

    private void Change(object command)
    {
        _busy = true;
        var sender = Sender;
        ChangeAsync(_stores, command).PipeTo(Self, Self, r => new Changed(sender, r.Reply, r.Set), e => new ChangeFailed(sender, e));
    }

    private static async Task<(object Reply, InMemoryAppsPersisted Set)> ChangeAsync(IActorRef stores, object command)
    {
        var reply = await stores.Ask<object>(command, AskTimeout).ConfigureAwait(false);
        var export = await stores.Ask<ExportResult>(ExportApps.Instance, AskTimeout).ConfigureAwait(false);
        return (reply, new InMemoryAppsPersisted(export.Definitions.Select(d => d.Json.GetRawText()).ToList()));
    }

    private void Answer()
    {
        if (_pending is var (sender, reply))
        {
            sender.Tell(reply, Self);
        }

        _pending = null;
    }

    private void Fail(Exception cause)
    {
        if (_pending is var (sender, _))
        {
            sender.Tell(new Status.Failure(new InvalidOperationException($"The in-memory store change was made but not persisted: {cause.Message}", cause)), Self);
        }

        _pending = null;
    }

    private void Idle()
    {
        _busy = false;
        Stash.UnstashAll();
    }

    /// <summary>Tells the parent the last persisted set has been restored (or there was none).</summary>
    public sealed record Restored
    {
        public static Restored Instance { get; } = new();
    }

    private sealed record RestoreDone(ImportResult? Result, Exception? Failure);

    private sealed record Changed(IActorRef Sender, object Reply, InMemoryAppsPersisted Set);

    private sealed record ChangeFailed(IActorRef Sender, Exception Cause);
}
