using Akka.Actor;
using Akka.TestKit;
using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using IoActors.Testing;
using Xunit.Abstractions;

namespace IoActors.Apps.Tests.Stores.Support;

/// <summary>
/// An Akka TestKit with the registry, the stores supervisor and probes on the events they publish, on virtual time
/// (<see cref="Clock"/>: the stores' timers on Akka's TestScheduler, their HTTP timeouts on a fake clock). Expectations
/// wait up to 10 s (real time) by default: the suite runs in parallel on 2 shared cores.
/// </summary>
public abstract class StoreTestKit : ActorTestKit
{
    protected StoreTestKit(ITestOutputHelper output)
        : base(output)
    {
        Events = CreateTestProbe("events");
        Errors = CreateTestProbe("errors");
        Polls = CreateTestProbe("polls");
        Lifecycle = CreateTestProbe("lifecycle");
        Sys.EventStream.Subscribe(Events.Ref, typeof(RegistryEvent));
        Sys.EventStream.Subscribe(Errors.Ref, typeof(StoreError));
        Sys.EventStream.Subscribe(Polls.Ref, typeof(StorePolled));
        Sys.EventStream.Subscribe(Lifecycle.Ref, typeof(StoreLoaded));
        Sys.EventStream.Subscribe(Lifecycle.Ref, typeof(StoreFailed));
        Sys.EventStream.Subscribe(Lifecycle.Ref, typeof(RequiredStoresLoaded));
        Sys.EventStream.Subscribe(Lifecycle.Ref, typeof(RequiredStoresFailed));
        Sys.EventStream.Subscribe(Lifecycle.Ref, typeof(AppNameConflict));
    }

    protected TestProbe Events { get; }

    protected TestProbe Errors { get; }

    protected TestProbe Polls { get; }

    protected TestProbe Lifecycle { get; }

    protected IActorRef Registry { get; private set; } = ActorRefs.Nobody;

    protected IActorRef Stores { get; private set; } = ActorRefs.Nobody;

    protected void Start(AppStoresSettings settings, RegistrySettings? registry = null)
    {
        Registry = Sys.ActorOf(AppStores.RegistryProps(registry), "registry");
        Stores = Sys.ActorOf(AppStores.StoresProps(settings, Registry, Clock.Provider), "stores");
    }

    protected static AppStoresSettings Only(params AppStoreSettings[] stores) => new() { Stores = stores, EnableInMemoryStore = false };

    protected async Task<IReadOnlyList<RegisteredApp>> AppsAsync() => (await Registry.Ask<AppsSnapshot>(GetApps.Instance, TimeSpan.FromSeconds(5))).Apps;

    protected async Task<IReadOnlyList<string>> NamesAsync() => [.. (await AppsAsync()).Select(a => a.Name)];

    protected async Task<StorePolled> ExpectPollAsync(StorePollOutcome outcome) =>
        await Polls.ExpectMsgAsync<StorePolled>(p => p.Outcome == outcome, TimeSpan.FromSeconds(10), $"a poll with outcome {outcome}");

    /// <summary>Skips polls until one with <paramref name="outcome"/> arrives.</summary>
    protected async Task FishPollAsync(StorePollOutcome outcome) =>
        await Polls.FishForMessageAsync<StorePolled>(p => p.Outcome == outcome, TimeSpan.FromSeconds(10), $"a poll with outcome {outcome}");

    /// <summary>Asserts that no registry event is pending: the registry has processed everything sent before (ask), then nothing arrived.</summary>
    protected async Task ExpectNoAppEventsAsync()
    {
        await AppsAsync();
        await Events.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(150));
    }

    private protected static StoreSnapshot Snapshot(string storeId, int rank, params string[] definitions) =>
        Snapshot(storeId, StoreKind.Regular, rank, definitions);

    private protected static StoreSnapshot Snapshot(string storeId, StoreKind kind, int rank, params string[] definitions) =>
        new(storeId, kind, rank, 1, [.. definitions.Select(d => AppDefinitionNormalizer.Normalize(AppDefinition.Parse(d), kind))]);
}
