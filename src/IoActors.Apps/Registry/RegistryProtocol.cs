using IoActors.Apps.Definitions;
using Akka.Actor;
using Akka.Event;

namespace IoActors.Apps.Registry;

/// <summary>
/// A change of the registry's merged app set. Published on the event stream and sent to direct subscribers
/// (<see cref="SubscribeRegistry"/>); <see cref="Sequence"/> increases by one per event and never repeats.
/// </summary>
/// <param name="Sequence">The event's sequence number (the first event is 1).</param>
public abstract record RegistryEvent(long Sequence);

/// <summary>An app name appeared in the merged set.</summary>
/// <param name="Sequence">The event's sequence number.</param>
/// <param name="App">The app as now registered.</param>
public sealed record AppAdded(long Sequence, RegisteredApp App) : RegistryEvent(Sequence);

/// <summary>An app name left the merged set (no store defines it any more). The instance manager acts on it
/// (<c>closeRunningInstancesOnAppRemoved</c>).</summary>
/// <param name="Sequence">The event's sequence number.</param>
/// <param name="App">The app as it was registered.</param>
public sealed record AppRemoved(long Sequence, RegisteredApp App) : RegistryEvent(Sequence);

/// <summary>An app's effective definition changed content (canonical hash) or system flag.</summary>
/// <param name="Sequence">The event's sequence number.</param>
/// <param name="Previous">The app as it was registered.</param>
/// <param name="Current">The app as now registered.</param>
public sealed record AppChanged(long Sequence, RegisteredApp Previous, RegisteredApp Current) : RegistryEvent(Sequence);

/// <summary>
/// Warning: one app name is defined by several stores. Published once per (name, set of stores) when the conflict appears;
/// the rule is: system stores win over regular stores, then the store listed first in the configuration wins, and the
/// in-memory store comes last.
/// </summary>
/// <param name="Name">The app name.</param>
/// <param name="WinnerStoreId">The store whose definition is registered.</param>
/// <param name="ShadowedStoreIds">The stores whose definitions are ignored, in rule order.</param>
public sealed record AppNameConflict(string Name, string WinnerStoreId, IReadOnlyList<string> ShadowedStoreIds);

/// <summary>Query: every registered app. Reply: <see cref="AppsSnapshot"/>.</summary>
public sealed record GetApps
{
    /// <summary>The shared instance.</summary>
    public static GetApps Instance { get; } = new();
}

/// <summary>Reply to <see cref="GetApps"/>.</summary>
/// <param name="Sequence">The sequence number of the last event reflected in <paramref name="Apps"/> (0 before any event).</param>
/// <param name="Apps">The registered apps, ordered by name (ordinal).</param>
public sealed record AppsSnapshot(long Sequence, IReadOnlyList<RegisteredApp> Apps);

/// <summary>Query: one app by name. Reply: <see cref="AppLookup"/>.</summary>
/// <param name="Name">The app name (case-sensitive).</param>
public sealed record GetApp(string Name);

/// <summary>Reply to <see cref="GetApp"/>.</summary>
/// <param name="Name">The name asked for.</param>
/// <param name="App">The registered app, or <see langword="null"/> when no store defines it.</param>
public sealed record AppLookup(string Name, RegisteredApp? App);

/// <summary>Query: the apps a store currently delivers, whether or not they won a conflict. Reply: <see cref="StoreApps"/>.</summary>
/// <param name="StoreId">The store id.</param>
public sealed record GetAppsByStore(string StoreId);

/// <summary>Reply to <see cref="GetAppsByStore"/>.</summary>
/// <param name="StoreId">The store id.</param>
/// <param name="Known">Whether the registry has received a set from that store.</param>
/// <param name="Apps">The store's apps ordered by name; empty when unknown.</param>
public sealed record StoreApps(string StoreId, bool Known, IReadOnlyList<RegisteredApp> Apps);

/// <summary>
/// Subscribes an actor to the registry's events with resume: the registry replies <see cref="RegistrySubscribed"/>, then
/// sends every retained event with a sequence greater than <paramref name="AfterSequence"/>, then live events. When
/// events after <paramref name="AfterSequence"/> have already left the bounded replay buffer, it sends a
/// <see cref="RegistryReset"/> (the full current set) instead of the replay. The subscription ends with
/// <see cref="UnsubscribeRegistry"/> or when the subscriber stops.
/// </summary>
/// <param name="Subscriber">The actor that receives the events.</param>
/// <param name="AfterSequence">The last sequence the subscriber has seen; 0 to receive everything still retained (or a reset).</param>
public sealed record SubscribeRegistry(IActorRef Subscriber, long AfterSequence = 0);

/// <summary>Reply to <see cref="SubscribeRegistry"/>, sent to the subscriber before any replayed event.</summary>
/// <param name="CurrentSequence">The registry's sequence when the subscription started.</param>
/// <param name="Replayed">How many events follow as replay (0 when a <see cref="RegistryReset"/> follows).</param>
/// <param name="Reset">Whether a <see cref="RegistryReset"/> follows because the asked sequence is no longer retained.</param>
public sealed record RegistrySubscribed(long CurrentSequence, int Replayed, bool Reset);

/// <summary>Sent to a resuming subscriber whose position is no longer in the replay buffer: replace your view with this set.</summary>
/// <param name="Sequence">The sequence the set reflects; live events continue after it.</param>
/// <param name="Apps">Every registered app, ordered by name.</param>
public sealed record RegistryReset(long Sequence, IReadOnlyList<RegisteredApp> Apps);

/// <summary>Ends a <see cref="SubscribeRegistry"/> subscription.</summary>
/// <param name="Subscriber">The subscriber.</param>
public sealed record UnsubscribeRegistry(IActorRef Subscriber);

/// <summary>
/// A store's complete current set, sent by a store actor to the registry after every load that changed something.
/// The registry diffs it against the store's previous set; re-sending an identical set publishes nothing.
/// </summary>
/// <param name="StoreId">The store id.</param>
/// <param name="Kind">The store kind (system apps are marked by <see cref="StoreKind.System"/>).</param>
/// <param name="Rank">The store's place in the conflict rule: lower wins (system stores first, then configuration order, in-memory last).</param>
/// <param name="Version">The store's own version counter (informational: sets are applied in arrival order, which is the order the store sent them).</param>
/// <param name="Definitions">The definitions (names unique).</param>
internal sealed record StoreSnapshot(string StoreId, StoreKind Kind, int Rank, long Version, IReadOnlyList<AppDefinition> Definitions);

/// <summary>Removes a store and all its apps from the registry (a store taken out of the configuration).</summary>
/// <param name="StoreId">The store id.</param>
internal sealed record RemoveStore(string StoreId);
