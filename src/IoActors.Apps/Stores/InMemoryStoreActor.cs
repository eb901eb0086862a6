using System.Text.Json;
using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;
using IoActors.Kernel;

namespace IoActors.Apps.Stores;

/// <summary>
/// The in-memory store: definitions imported at runtime. Each change is sent to the registry before the reply, so a query
/// to the registry made after the reply sees it.
/// </summary>
internal sealed class InMemoryStoreActor : ReceiveActor
{
    private readonly StorePlan _plan;
    private readonly IActorRef _registry;
    private readonly StoreSet _set = new();

    // Import order of the names; the set itself is keyed by name.
    private readonly List<AppDefinition> _definitions = [];

    public InMemoryStoreActor(StorePlan plan, IActorRef registry)
    {
        _plan = plan;
        _registry = registry;
        Receive<ImportApps>(Import);
        Receive<ExportApps>(_ => Sender.Tell(new ExportResult([.. _definitions]), Self));
        Receive<HasInMemoryApp>(has => Sender.Tell(new HasInMemoryAppResult(has.Name, _definitions.Exists(d => d.Name == has.Name)), Self));
        Receive<RemoveInMemoryApp>(remove =>
        {
            var removed = _definitions.RemoveAll(d => d.Name == remove.Name) > 0;
            Deliver();
            Sender.Tell(new RemoveInMemoryAppResult(remove.Name, removed), Self);
        });
        Receive<ClearInMemoryApps>(_ =>
        {
            var removed = _definitions.ConvertAll(d => d.Name);
            _definitions.Clear();
            Deliver();
            Sender.Tell(new ClearInMemoryAppsResult(removed), Self);
        });
    }

    protected override void PreStart()
    {
        // An empty set marks the store as loaded; the in-memory store is never required.
        _registry.Tell(new StoreSnapshot(_plan.Id, _plan.Kind, _plan.Rank, _set.Version, []), Self);
        var loaded = new StoreLoaded(_plan.Id, AppStoreType.InMemory, _plan.Kind, 0, false);
        // Published before the supervisor hears of it, so its decision comes after the event (see PollingStoreActor).
        Context.System.EventStream.Publish(loaded);
        Context.Parent.Tell(loaded, Self);
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

            var read = AppDefinitionReader.ReadJson(JsonSerializer.SerializeToUtf8Bytes(element), null, StoreKind.InMemory);
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

        if (import.Mode == ImportMode.Replace)
        {
            _definitions.Clear();
            _definitions.AddRange(accepted);
        }
        else
        {
            foreach (var definition in accepted)
            {
                var index = _definitions.FindIndex(d => d.Name == definition.Name);
                if (index >= 0)
                {
                    _definitions[index] = definition;
                }
                else
                {
                    _definitions.Add(definition);
                }
            }
        }

        Deliver();
        Sender.Tell(new ImportResult(imported, errors), Self);
    }

    private void Deliver()
    {
        if (_set.Update(_definitions, null))
        {
            _registry.Tell(new StoreSnapshot(_plan.Id, _plan.Kind, _plan.Rank, _set.Version, _set.Definitions), Self);
            var polled = new StorePolled(_plan.Id, StorePollOutcome.Changed, _set.Version, _set.Count);
            Context.Parent.Tell(polled, Self);
        }
    }
}
