using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using IoActors.Apps.Tests.Stores.Support;
using IoActors.Testing;
using Akka.Actor;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Apps.Tests.Registry;

public sealed class RegistryActorTests(ITestOutputHelper output) : StoreTestKit(output)
{
    private IActorRef StartRegistry(int replay = 4096) => Sys.ActorOf(AppStores.RegistryProps(new RegistrySettings { ReplayBufferSize = replay }), "registry");

    [Fact]
    public async Task Snapshot_SameContentTwice_PublishesOnlyOnce()
    {
        var registry = StartRegistry();
        registry.Tell(Snapshot("a", 0, Defs.Window("one"), Defs.Window("two")));
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "one" && e.Sequence == 1);
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "two" && e.Sequence == 2);

        // Same content, other key order and formatting: no event.
        registry.Tell(Snapshot("a", 0, """{ "type":"window","name":"one","details":{"url":"https://example.com/"},"title":"one" }""", Defs.Window("two")));
        (await registry.Ask<AppsSnapshot>(GetApps.Instance, TimeSpan.FromSeconds(5))).Sequence.Should().Be(2);
        await Events.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public async Task Snapshot_ChangedAndMissingApps_PublishesChangedWithPreviousAndRemoved()
    {
        var registry = StartRegistry();
        registry.Tell(Snapshot("a", 0, Defs.Window("one"), Defs.Window("two")));
        Events.ReceiveN(2);
        registry.Tell(Snapshot("a", 0, Defs.Window("one", "https://changed.example.com/")));
        var changed = await Events.ExpectMsgAsync<AppChanged>();
        changed.Previous.Definition.Details.GetProperty("url").GetString().Should().Be("https://example.com/");
        changed.Current.Definition.Details.GetProperty("url").GetString().Should().Be("https://changed.example.com/");
        await Events.ExpectMsgAsync<AppRemoved>(e => e.App.Name == "two" && e.Sequence == 4);
    }

    [Fact]
    public async Task Conflict_SystemStoreAndConfigurationOrder_DecideTheWinnerAndWarnOnce()
    {
        var registry = StartRegistry();
        registry.Tell(Snapshot("rest-1", 2, Defs.Window("shared", "https://rest1/")));
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.StoreId == "rest-1");
        registry.Tell(Snapshot("path-0", 1, Defs.Window("shared", "https://path0/")));
        var changed = await Events.ExpectMsgAsync<AppChanged>();
        changed.Current.StoreId.Should().Be("path-0");
        await Lifecycle.ExpectMsgAsync<AppNameConflict>(c => c.Name == "shared" && c.WinnerStoreId == "path-0" && c.ShadowedStoreIds.SequenceEqual(new[] { "rest-1" }));

        registry.Tell(Snapshot("system-path-0", StoreKind.System, 0, Defs.Window("shared", "https://system/")));
        var system = await Events.ExpectMsgAsync<AppChanged>();
        system.Current.IsSystem.Should().BeTrue();
        await Lifecycle.ExpectMsgAsync<AppNameConflict>(c => c.WinnerStoreId == "system-path-0" && c.ShadowedStoreIds.SequenceEqual(new[] { "path-0", "rest-1" }));

        // Re-polls with the same conflict: no second warning, no event.
        registry.Tell(Snapshot("rest-1", 2, Defs.Window("shared", "https://rest1/")));
        registry.Tell(Snapshot("path-0", 1, Defs.Window("shared", "https://path0/")));
        (await registry.Ask<AppLookup>(new GetApp("shared"), TimeSpan.FromSeconds(5))).App!.StoreId.Should().Be("system-path-0");
        await Lifecycle.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(150));
        await Events.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task RemoveStore_WinnerGone_ShadowedDefinitionSurfacesAndOwnAppsAreRemoved()
    {
        var registry = StartRegistry();
        registry.Tell(Snapshot("path-0", 0, Defs.Window("shared", "https://path0/"), Defs.Window("only-path")));
        registry.Tell(Snapshot("rest-1", 1, Defs.Window("shared", "https://rest1/")));
        Events.ReceiveN(2);
        registry.Tell(new RemoveStore("path-0"));
        await Events.ExpectMsgAsync<AppRemoved>(e => e.App.Name == "only-path");
        await Events.ExpectMsgAsync<AppChanged>(e => e.Current.StoreId == "rest-1");
        var byStore = await registry.Ask<StoreApps>(new GetAppsByStore("path-0"), TimeSpan.FromSeconds(5));
        byStore.Known.Should().BeFalse();
        (await registry.Ask<StoreApps>(new GetAppsByStore("rest-1"), TimeSpan.FromSeconds(5))).Apps.Select(a => a.Name).Should().Equal("shared");
    }

    [Fact]
    public async Task Subscribe_FromSequence_ReplaysOnlyMissedEventsThenLive()
    {
        var registry = StartRegistry();
        registry.Tell(Snapshot("a", 0, Defs.Window("one"), Defs.Window("two"), Defs.Window("three")));
        Events.ReceiveN(3);
        var subscriber = CreateTestProbe();
        registry.Tell(new SubscribeRegistry(subscriber.Ref, 1));
        await subscriber.ExpectMsgAsync<RegistrySubscribed>(s => s.CurrentSequence == 3 && s.Replayed == 2 && !s.Reset);
        await subscriber.ExpectMsgAsync<AppAdded>(e => e.Sequence == 2);
        await subscriber.ExpectMsgAsync<AppAdded>(e => e.Sequence == 3);
        registry.Tell(Snapshot("a", 0, Defs.Window("one")));
        await subscriber.ExpectMsgAsync<AppRemoved>(e => e.Sequence == 4);
        await subscriber.ExpectMsgAsync<AppRemoved>(e => e.Sequence == 5);
    }

    [Fact]
    public async Task Subscribe_SequenceEvictedFromReplayBuffer_SendsResetWithTheFullSet()
    {
        var registry = StartRegistry(replay: 2);
        registry.Tell(Snapshot("a", 0, Defs.Window("one"), Defs.Window("two"), Defs.Window("three"), Defs.Window("four")));
        Events.ReceiveN(4);
        var subscriber = CreateTestProbe();
        registry.Tell(new SubscribeRegistry(subscriber.Ref, 1));
        await subscriber.ExpectMsgAsync<RegistrySubscribed>(s => s.Reset);
        await subscriber.ExpectMsgAsync<RegistryReset>(r => r.Sequence == 4 && r.Apps.Count == 4);
    }
}
