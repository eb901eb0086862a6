using System.Runtime.CompilerServices;
using IoActors.Kernel;

namespace IoActors.Persistence;

/// <summary>
/// Registers the journal and snapshot store of an actor system, where its persistent actors find them.
/// Call <see cref="Configure(ActorSystem, IJournal, ISnapshotStore)"/> once after creating the system and before
/// creating persistent actors. The stores are not disposed with the system: their owner disposes them.
/// </summary>
public static class PersistenceExtension
{
    // Weak keys: a terminated and collected system does not keep its stores alive.
    private static readonly ConditionalWeakTable<ActorSystem, PersistencePlugins> s_plugins = new();

    /// <summary>Sets (or replaces) the journal and snapshot store of <paramref name="system"/>.</summary>
    /// <param name="system">The actor system.</param>
    /// <param name="journal">The journal its persistent actors write to.</param>
    /// <param name="snapshotStore">The snapshot store its persistent actors use.</param>
    public static void Configure(ActorSystem system, IJournal journal, ISnapshotStore snapshotStore)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(snapshotStore);
        s_plugins.AddOrUpdate(system, new PersistencePlugins(journal, snapshotStore));
    }

    /// <summary>Sets (or replaces) the stores of <paramref name="system"/> from <paramref name="stores"/>.</summary>
    /// <param name="system">The actor system.</param>
    /// <param name="stores">The journal and snapshot store, e.g. from <see cref="PersistenceFactory.Create"/>.</param>
    public static void Configure(ActorSystem system, IPersistenceStores stores)
    {
        ArgumentNullException.ThrowIfNull(stores);
        Configure(system, stores.Journal, stores.SnapshotStore);
    }

    /// <summary>The stores of <paramref name="system"/>.</summary>
    /// <param name="system">The actor system.</param>
    /// <exception cref="InvalidOperationException">None were configured.</exception>
    public static PersistencePlugins Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return s_plugins.TryGetValue(system, out var plugins)
            ? plugins
            : throw new InvalidOperationException(
                $"No journal is configured for actor system '{system.Name}': call PersistenceExtension.Configure(system, journal, snapshotStore) " +
                "before creating persistent actors.");
    }

    /// <summary>The stores of <paramref name="system"/>, if configured.</summary>
    /// <param name="system">The actor system.</param>
    /// <param name="plugins">The stores, or null.</param>
    public static bool TryGet(ActorSystem system, out PersistencePlugins? plugins)
    {
        ArgumentNullException.ThrowIfNull(system);
        return s_plugins.TryGetValue(system, out plugins);
    }
}
