using System.Runtime.InteropServices;
using System.Text.Json;
using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;
using Akka.Actor;
using Akka.Event;

namespace IoActors.Apps.Stores;

/// <summary>
/// The in-memory store: definitions imported at runtime. Each change is sent to the registry before the reply, so a query
/// to the registry made after the reply sees it. A definition that cannot be read is reported in the import's errors; a
/// command that fails the actor gets a <see cref="Status.Failure"/> answer, and the restarted store comes back with the
/// set it held before that command (the one every acknowledged change left, and the journal holds), never an empty one.
/// </summary>
internal sealed class InMemoryStoreActor : ReceiveActor, IWithUnboundedStash
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly StorePlan _plan;
    private readonly IActorRef _registry;
    private readonly StoreSet _set = new();

    // Import order of the names; the set itself is keyed by name. Replaced as a whole once a change has been delivered.
    private IReadOnlyList<AppDefinition> _definitions = [];

    public InMemoryStoreActor(StorePlan plan, IActorRef registry)
    {
        _plan = plan;
        _registry = registry;
        Ready();
    }

    /// <summary>Injected by Akka.</summary>
    public IStash Stash { get; set; } = null!;

    protected override void PreStart()
    {
        // An empty set marks the store as loaded; the in-memory store is never required.
        _registry.Tell(new StoreSnapshot(_plan.Id, _plan.Kind, _plan.Rank, _set.Version, []), Self);
        var loaded = new StoreLoaded(_plan.Id, AppStoreType.InMemory, _plan.Kind, 0, false);
        // Published before the supervisor hears of it, so its decision comes after the event (see PollingStoreActor).
        Context.System.EventStream.Publish(loaded);
        Context.Parent.Tell(loaded, Self);
    }

    protected override void PreRestart(Exception reason, object message)
    {
        // The command that failed gets an answer, so its caller does not wait out a timeout; its change was not made.
        if (message is ImportApps or ExportApps or HasInMemoryApp or RemoveInMemoryApp or ClearInMemoryApps)
        {
            Sender.Tell(new Status.Failure(new InvalidOperationException(
                $"The in-memory store failed on {message.GetType().Name} and restarted; its apps are unchanged: {reason.Message}", reason)), Self);
        }

        // The next incarnation takes the set over before anything else (it stashes until then).
        Self.Tell(new Recover(_definitions), Self);
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        // No empty snapshot: the registry keeps the store's apps while the set comes back.
        Become(() =>
        {
            Receive<Recover>(recover =>
            {
                // Taken first, so a failure while delivering it hands the same set on again.
                _definitions = recover.Definitions;
                Deliver(recover.Definitions);
                _log.Warning(reason, "The in-memory store restarted after a failure; its {Count} apps are back", recover.Definitions.Count);
                Stash.UnstashAll();
                Become(Ready);
            });
            ReceiveAny(_ => Stash.Stash());
        });
    }

    private void Ready()
    {
        Receive<ImportApps>(Import);
        Receive<ExportApps>(_ => Sender.Tell(new ExportResult(_definitions), Self));
        Receive<HasInMemoryApp>(has => Sender.Tell(new HasInMemoryAppResult(has.Name, _definitions.Any(d => d.Name == has.Name)), Self));
        Receive<RemoveInMemoryApp>(remove =>
        {
            var kept = _definitions.Where(d => d.Name != remove.Name).ToList();
            var removed = kept.Count != _definitions.Count;
            Deliver(kept);
            Sender.Tell(new RemoveInMemoryAppResult(remove.Name, removed), Self);
        });
        Receive<ClearInMemoryApps>(_ =>
        {
            var removed = _definitions.Select(d => d.Name).ToList();
            Deliver([]);
            Sender.Tell(new ClearInMemoryAppsResult(removed), Self);
        });
    }

    private void Import(ImportApps import)
    {
        var imported = new List<string>();
        var errors = new List<ImportError>();
        var accepted = new List<AppDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < import.Definitions.Count; i++)
        {
            var element = import.Definitions[i];
            if (element.ValueKind == JsonValueKind.Undefined)
            {
                errors.Add(new ImportError($"#{i}", "the definition is an undefined JSON element (default(JsonElement))"));
                continue;
            }

            AppDefinitionReadResult read;
            try
            {
                // The element's own bytes: re-serializing would fail on text .NET cannot represent, which the reader reports.
                read = AppDefinitionReader.ReadJson(JsonMarshal.GetRawUtf8Value(element).ToArray(), null, StoreKind.InMemory);
            }
            catch (Exception e)
            {
                errors.Add(new ImportError($"#{i}", $"the definition could not be read: {e.Message}"));
                continue;
            }

            var label = read.Problems.FirstOrDefault(p => p.AppName is not null)?.AppName
                ?? (read.Definitions.Count == 1 ? read.Definitions[0].Name : $"#{i}");
            if (read.Definitions.Count != 1)
            {
                var messages = read.Problems.Where(p => p.IsError).Select(p => p.Path.Length == 0 ? p.Message : $"{p.Path}: {p.Message}");
                errors.Add(new ImportError(label, string.Join("; ", messages)));
                continue;
            }

            var definition = read.Definitions[0];
            if (!seen.Add(definition.Name))
            {
                errors.Add(new ImportError(definition.Name, $"\"{definition.Name}\" appears more than once in this import; app names must be unique"));
                continue;
            }

            accepted.Add(definition);
            imported.Add(definition.Name);
        }

        List<AppDefinition> next;
        if (import.Mode == ImportMode.Replace)
        {
            next = accepted;
        }
        else
        {
            next = [.. _definitions];
            foreach (var definition in accepted)
            {
                var index = next.FindIndex(d => d.Name == definition.Name);
                if (index >= 0)
                {
                    next[index] = definition;
                }
                else
                {
                    next.Add(definition);
                }
            }
        }

        Deliver(next);
        Sender.Tell(new ImportResult(imported, errors), Self);
    }

    /// <summary>Makes <paramref name="definitions"/> the store's set and gives the registry the change, if any.</summary>
    private void Deliver(IReadOnlyList<AppDefinition> definitions)
    {
        if (_set.Update(definitions, null))
        {
            _registry.Tell(new StoreSnapshot(_plan.Id, _plan.Kind, _plan.Rank, _set.Version, _set.Definitions), Self);
            var polled = new StorePolled(_plan.Id, StorePollOutcome.Changed, _set.Version, _set.Count);
            Context.Parent.Tell(polled, Self);
        }

        _definitions = definitions;
    }

    /// <summary>The set of the failed incarnation, for the next one.</summary>
    private sealed record Recover(IReadOnlyList<AppDefinition> Definitions);
}
