using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using IoActors.Apps.Tests.Stores.Support;
using IoActors.Testing;
using Akka.Actor;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Apps.Tests.Stores;

/// <summary>
/// A faulty message to the registry or the stores supervisor is answered with an error and changes nothing; a store, the
/// registry or the supervisor that restarts anyway comes back with its state: no app lost, no event, no reload.
/// </summary>
public sealed class StoreRestartTests(ITestOutputHelper output) : StoreTestKit(output)
{
    private static readonly TimeSpan Rescan = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }

    private PathStoreSettings PathStore() => new() { Id = "local", Path = _folder.Path, Watch = false };

    // An ask bounded in real time: an actor that never answers fails the test.
    private static Task<T> AskAsync<T>(IActorRef actor, object message) => actor.Ask<T>(message, TimeSpan.FromSeconds(10)).WaitAsync(TimeSpan.FromSeconds(10));

    private async Task StartWithAppsAsync()
    {
        _folder.Write("a.json", Defs.Window("one"));
        _folder.Write("b.json", Defs.Window("two"));
        Start(Only(PathStore()));
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "one");
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "two");
        await ExpectPollAsync(StorePollOutcome.Changed);
    }

    [Fact]
    public async Task Registry_FaultyMessages_AreAnsweredWithAnErrorAndKeepEveryApp()
    {
        await StartWithAppsAsync();
        var sequence = (await AskAsync<AppsSnapshot>(Registry, GetApps.Instance)).Sequence;

        await FluentActions.Awaiting(() => AskAsync<AppLookup>(Registry, new GetApp(null!)))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*GetApp: Name is missing*");
        await FluentActions.Awaiting(() => AskAsync<AppsSnapshot>(Registry, new StoreSnapshot("local", StoreKind.Regular, 0, 2, null!)))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*Definitions of store 'local' is missing*");
        await FluentActions.Awaiting(() => AskAsync<AppsSnapshot>(Registry, new StoreSnapshot("local", StoreKind.Regular, 0, 2, [null!])))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*Definitions[0] of store 'local' is missing*");
        await FluentActions.Awaiting(() => AskAsync<RegistrySubscribed>(Registry, new SubscribeRegistry(null!)))
            .Should().ThrowAsync<ArgumentException>();

        var after = await AskAsync<AppsSnapshot>(Registry, GetApps.Instance);
        after.Apps.Select(a => a.Name).Should().Equal("one", "two");
        after.Sequence.Should().Be(sequence);
        await ExpectNoAppEventsAsync();
    }

    [Fact]
    public async Task Registry_Restarted_KeepsItsAppsSequenceAndSubscribers()
    {
        var child = new TaskCompletionSource<IActorRef>();
        Sys.ActorOf(Props.Create(() => new RestartingParent(AppStores.RegistryProps(null), "registry", child)), "parent");
        var registry = await child.Task;
        registry.Tell(Snapshot("local", 0, Defs.Window("one"), Defs.Window("two")));
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "one");
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "two");
        var subscriber = CreateTestProbe("subscriber");
        registry.Tell(new SubscribeRegistry(subscriber.Ref, 2));
        await subscriber.ExpectMsgAsync<RegistrySubscribed>(s => s.CurrentSequence == 2);

        registry.Tell(Kill.Instance);
        var snapshot = await AskAsync<AppsSnapshot>(registry, GetApps.Instance);
        snapshot.Apps.Select(a => a.Name).Should().Equal("one", "two");
        snapshot.Sequence.Should().Be(2);
        await Events.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(150));

        registry.Tell(Snapshot("local", 0, Defs.Window("one", "https://one.v2/"), Defs.Window("two")));
        await subscriber.ExpectMsgAsync<AppChanged>(e => e.Sequence == 3 && e.Current.Name == "one");
    }

    [Fact]
    public async Task PathStore_Killed_IsRestartedWithItsFilesAndKeepsTheirLastGoodApps()
    {
        var senders = CreateTestProbe("senders");
        var registry = Sys.ActorOf(AppStores.RegistryProps(), "registry");
        var relay = Sys.ActorOf(Props.Create(() => new SnapshotRelay(registry, senders.Ref)), "relay");
        _folder.Write("a.json", Defs.Window("one"));
        _folder.Write("b.json", Defs.Window("two"));
        var stores = Sys.ActorOf(AppStores.StoresProps(Only(PathStore()), relay), "stores");
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "one");
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "two");
        var store = await senders.ExpectMsgAsync<IActorRef>();
        await ExpectPollAsync(StorePollOutcome.Changed);

        store.Tell(Kill.Instance);
        await FishPollAsync(StorePollOutcome.Unchanged);
        var status = await AskAsync<StoresStatus>(stores, GetStoresStatus.Instance);
        status.Stores.Single().State.Should().Be(StoreState.Loaded);

        // The restarted store still knows b.json's last good app: an invalid b.json keeps "two", a new file is added.
        _folder.Write("b.json", """{"name": "two", "type": "window", "details": {"url": 1}}""");
        _folder.Write("c.json", Defs.Window("three"));
        Clock.Advance(Rescan);
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "three");
        (await AskAsync<AppsSnapshot>(registry, GetApps.Instance)).Apps.Select(a => a.Name).Should().Equal("one", "three", "two");
        await Events.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public async Task Stores_FaultyStatusMessage_ChangesNothingAndRestartsNoStore()
    {
        await StartWithAppsAsync();
        Stores.Tell(new StoreLoaded(null!, AppStoreType.Path, StoreKind.Regular, 0, false));
        Stores.Tell(new StoreFailed(null!, AppStoreType.Path, true, "forged"));
        Stores.Tell(new StoreFailed("not-a-store", AppStoreType.Path, true, "forged"));

        var status = await AskAsync<StoresStatus>(Stores, GetStoresStatus.Instance);
        status.Stores.Single().State.Should().Be(StoreState.Loaded);
        (await AskAsync<object>(Stores, WaitForRequiredStores.Instance)).Should().BeOfType<RequiredStoresLoaded>();
        await ExpectNoAppEventsAsync();
    }

    [Fact]
    public async Task Stores_Restarted_KeepsItsStoresRunningAndTheirState()
    {
        _folder.Write("a.json", Defs.Window("one"));
        var registry = Sys.ActorOf(AppStores.RegistryProps(), "registry");
        var child = new TaskCompletionSource<IActorRef>();
        Sys.ActorOf(Props.Create(() => new RestartingParent(AppStores.StoresProps(Only(PathStore()), registry), "stores", child)), "parent");
        var stores = await child.Task;
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "one");
        await ExpectPollAsync(StorePollOutcome.Changed);
        await Lifecycle.FishForMessageAsync<RequiredStoresLoaded>(_ => true);

        stores.Tell(Kill.Instance);
        var status = await AskAsync<StoresStatus>(stores, GetStoresStatus.Instance);
        status.Stores.Single().State.Should().Be(StoreState.Loaded);
        (await AskAsync<object>(stores, WaitForRequiredStores.Instance)).Should().BeOfType<RequiredStoresLoaded>();
        await Lifecycle.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(150));

        _folder.Write("b.json", Defs.Window("two"));
        Clock.Advance(Rescan);
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "two");
        (await AskAsync<AppsSnapshot>(registry, GetApps.Instance)).Apps.Select(a => a.Name).Should().Equal("one", "two");
        await Events.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(150));
    }

    /// <summary>A parent that restarts its child on any failure (a kill included), as a supervisor may decide.</summary>
    private sealed class RestartingParent : ReceiveActor
    {
        private readonly Props _props;
        private readonly string _name;
        private readonly TaskCompletionSource<IActorRef> _child;

        public RestartingParent(Props props, string name, TaskCompletionSource<IActorRef> child)
        {
            _props = props;
            _name = name;
            _child = child;
        }

        protected override void PreStart() => _child.TrySetResult(Context.ActorOf(_props, _name));

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);
    }

    /// <summary>Forwards everything to the registry and tells the probe who sent each store set (the store actor).</summary>
    private sealed class SnapshotRelay : ReceiveActor
    {
        public SnapshotRelay(IActorRef registry, IActorRef probe)
        {
            var seen = new HashSet<IActorRef>();
            ReceiveAny(message =>
            {
                if (message is StoreSnapshot && seen.Add(Sender))
                {
                    probe.Tell(Sender);
                }

                registry.Forward(message);
            });
        }
    }
}
