using System.Text.Json;
using IoActors.Apps.Stores;
using Akka.Actor;
using Akka.Event;
using IoActors.Persistence;
using Microsoft.Extensions.Logging;

namespace IoActors.Platform.Hosting;

/// <summary>
/// Keeps the in-memory store's imports across restarts. It stands in front of the stores actor: an import, remove or
/// clear goes to the store, then the store's whole new set is written to the journal, and only then is the caller
/// answered, so an acknowledged change survives a killed process. At start it restores the last set before the boot
/// plans (it tells its parent <see cref="Restored"/>). Everything else is forwarded to the stores actor unchanged.
/// </summary>
internal sealed class InMemoryStoreJournal : ReceiveActor
{
    public const string PersistenceId = "ioactors-in-memory-store";
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    private readonly IActorRef _stores;
    private readonly IJournal _journal;
    private long _sequenceNr;

    public InMemoryStoreJournal(IActorRef stores, IJournal journal)
    {
        _stores = stores;
        _journal = journal;
        ReceiveAsync<Restore>(_ => RestoreAsync());
        ReceiveAsync<ImportApps>(m => ChangeAsync(m));
        ReceiveAsync<RemoveInMemoryApp>(m => ChangeAsync(m));
        ReceiveAsync<ClearInMemoryApps>(m => ChangeAsync(m));
        ReceiveAny(m => _stores.Forward(m));
    }

    public static Props Props(IActorRef stores, IJournal journal) => Akka.Actor.Props.Create(() => new InMemoryStoreJournal(stores, journal));

    protected override void PreStart() => Self.Tell(Restore.Instance, Self);

    private async Task RestoreAsync()
    {
        try
        {
            _sequenceNr = await _journal.ReadHighestSequenceNrAsync(PersistenceId);
            InMemoryAppsPersisted? last = null;
            if (_sequenceNr > 0)
            {
                await _journal.ReplayAsync(PersistenceId, _sequenceNr, _sequenceNr, 1, r => last = r.Payload as InMemoryAppsPersisted);
            }

            if (last is { Definitions.Count: > 0 })
            {
                var definitions = last.Definitions.Select(d => JsonDocument.Parse(d).RootElement.Clone()).ToList();
                var result = await _stores.Ask<ImportResult>(new ImportApps(definitions, ImportMode.Replace), AskTimeout);
                _log.Info("Restored {Count} in-memory apps from the journal", result.Imported.Count);
                foreach (var error in result.Errors)
                {
                    _log.Warning("In-memory app {App} not restored: {Error}", error.App, error.Error);
                }
            }
        }
        catch (Exception ex)
        {
            // Keep the platform up without the imports rather than failing the boot; the journal is left as it was.
            _log.Error(ex, "Could not restore the in-memory apps from the journal");
        }

        Context.Parent.Tell(Restored.Instance, Self);
    }

    private async Task ChangeAsync(object command)
    {
        var sender = Sender;
        object reply;
        try
        {
            reply = await _stores.Ask<object>(command, AskTimeout);
            var export = await _stores.Ask<ExportResult>(ExportApps.Instance, AskTimeout);
            var set = new InMemoryAppsPersisted(export.Definitions.Select(d => d.Json.GetRawText()).ToList());
            await _journal.WriteAsync(PersistenceId, [new PersistentRepr(PersistenceId, _sequenceNr + 1, set)]);
            _sequenceNr++;
            if (_sequenceNr > 1)
            {
                // Each event holds the whole set: older ones are not needed any more.
                await _journal.DeleteToAsync(PersistenceId, _sequenceNr - 1);
            }
        }
        catch (Exception ex)
        {
            _log.Error(ex, "In-memory store change {Command} was not persisted", command.GetType().Name);
            reply = new Status.Failure(ex);
        }

        sender.Tell(reply, Self);
    }

    /// <summary>Tells the parent the last persisted set has been restored (or there was none).</summary>
    public sealed record Restored
    {
        public static Restored Instance { get; } = new();
    }

    private sealed record Restore
    {
        public static Restore Instance { get; } = new();
    }
}
