using FluentAssertions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using IoActors.Apps.Tests.Stores.Support;
using IoActors.Testing;
using Akka.Actor;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Apps.Tests.Stores;

public sealed class BootReadinessTests(ITestOutputHelper output) : StoreTestKit(output), IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private TestHttpServer _server = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _server = await TestHttpServer.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    private RestStoreSettings Rest(string id, bool required) => new()
    {
        Id = id,
        Url = _server.Url("apps"),
        IsRequired = required,
        StartRetries = 2,
        StartRetryInterval = TimeSpan.FromSeconds(10),
        EnablePersistentCache = false,
    };

    [Fact]
    public async Task RequiredStoreLoads_EverySubscriberHasStoreLoadedBeforeRequiredStoresLoaded()
    {
        File.WriteAllText(_folder.File("local.json"), Defs.Window("local"));
        var order = CreateTestProbe("order");
        using var decided = new ManualResetEventSlim();

        // A subscriber slow to take StoreLoaded (as when the publishing thread is preempted) holds the store's publish
        // until the stores decided, or half a second passes: the decision must not overtake the event.
        Sys.EventStream.Subscribe(new BlockingSubscriber(Sys, order.Ref.Path / "slow", decided), typeof(StoreLoaded));
        Sys.EventStream.Subscribe(order.Ref, typeof(StoreLoaded));
        Sys.EventStream.Subscribe(order.Ref, typeof(RequiredStoresLoaded));
        Sys.EventStream.Subscribe(new SignallingSubscriber(Sys, order.Ref.Path / "signal", decided), typeof(RequiredStoresLoaded));
        Start(Only(new PathStoreSettings { Id = "local", Path = _folder.Path, Watch = false }));

        await order.ExpectMsgAsync<StoreLoaded>(l => l.StoreId == "local", TimeSpan.FromSeconds(10));
        await order.ExpectMsgAsync<RequiredStoresLoaded>(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RequiredStoreDown_AfterStartRetries_FailsTheBootNamingStoreAndCause()
    {
        _server.Handler = ctx => TestHttpServer.WriteJsonAsync(ctx, "{}", 500);
        Start(Only(Rest("catalog", required: true)));
        var answer = Stores.Ask<object>(WaitForRequiredStores.Instance, TimeSpan.FromHours(1));

        await ExpectPollAsync(StorePollOutcome.Failed);
        Clock.Advance(TimeSpan.FromSeconds(10));
        await ExpectPollAsync(StorePollOutcome.Failed);
        Clock.Advance(TimeSpan.FromSeconds(10));
        await ExpectPollAsync(StorePollOutcome.Failed);

        var failed = (await answer).Should().BeOfType<RequiredStoresFailed>().Subject;
        failed.TimedOut.Should().BeFalse();
        failed.Message.Should().Contain("store 'catalog' (rest)").And.Contain("500");
        failed.ToException().Failures.Single().StoreId.Should().Be("catalog");
        await Lifecycle.FishForMessageAsync<StoreFailed>(f => f.StoreId == "catalog" && f.IsRequired);

        // Asking again after the decision answers at once.
        (await Stores.Ask<RequiredStoresFailed>(WaitForRequiredStores.Instance, TimeSpan.FromSeconds(5))).Failures.Should().HaveCount(1);
    }

    [Fact]
    public async Task StoresStatus_KeepsEachStoresLastPollItsOutcomeAndItsRecentErrors()
    {
        _server.Handler = ctx => TestHttpServer.WriteJsonAsync(ctx, "{}", 503);
        Start(Only(Rest("remote", required: false)));

        // The store tells its supervisor before it publishes: an ask after the event finds the poll counted.
        await ExpectPollAsync(StorePollOutcome.Failed);
        var failed = (await Stores.Ask<StoresStatus>(GetStoresStatus.Instance, TimeSpan.FromSeconds(5))).Stores.Single();
        failed.LastOutcome.Should().Be(StorePollOutcome.Failed);
        failed.LastPolledAt.Should().Be(Clock.Provider.GetUtcNow());
        failed.FromCache.Should().BeFalse();
        failed.RecentErrors.Should().ContainSingle().Which.Message.Should().Contain("503");
        failed.LastError.Should().Contain("503");

        _server.Handler = ctx => TestHttpServer.WriteJsonAsync(ctx, Defs.Response(Defs.Window("remote-app")));
        Clock.Advance(TimeSpan.FromSeconds(10));
        await ExpectPollAsync(StorePollOutcome.Changed);
        var back = (await Stores.Ask<StoresStatus>(GetStoresStatus.Instance, TimeSpan.FromSeconds(5))).Stores.Single();
        back.LastOutcome.Should().Be(StorePollOutcome.Changed);
        back.LastPolledAt.Should().Be(Clock.Provider.GetUtcNow());
        back.AppCount.Should().Be(1);
        back.RecentErrors.Should().HaveCount(1, "the errors stay listed after the store recovered");
    }

    [Fact]
    public void StoreStatus_KeepsOnlyTheLatestErrorsEachCut()
    {
        var status = new StoreStatus("s", AppStoreType.Rest, IoActors.Apps.Definitions.StoreKind.Regular, false, StoreState.Loaded, 0, null);
        for (var i = 0; i < StoreStatus.MaxRecentErrors + 5; i++)
        {
            status = status.WithError(new StoreError("s", "http://x", 0, 0, i + new string('x', 5000)));
        }

        status.RecentErrors.Should().HaveCount(StoreStatus.MaxRecentErrors);
        status.RecentErrors![0].Message.Should().StartWith("5x");
        status.RecentErrors.Should().OnlyContain(e => e.Message.Length <= 2001);
        status.LastError.Should().Contain("24x");
    }

    [Fact]
    public async Task NonRequiredStoreDown_IsSkippedWithAWarningAndJoinsWhenItComesBack()
    {
        File.WriteAllText(_folder.File("local.json"), Defs.Window("local"));
        _server.Handler = ctx => TestHttpServer.WriteJsonAsync(ctx, "{}", 503);
        var settings = Only(new PathStoreSettings { Id = "local", Path = _folder.Path, Watch = false }, Rest("optional", required: false));
        Start(settings);

        var loaded = await Stores.Ask<RequiredStoresLoaded>(WaitForRequiredStores.Instance, TimeSpan.FromSeconds(10));
        loaded.Status.Stores.Single(s => s.StoreId == "local").State.Should().Be(StoreState.Loaded);
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "local");

        await Polls.FishForMessageAsync<StorePolled>(p => p.StoreId == "optional" && p.Outcome == StorePollOutcome.Failed);
        Clock.Advance(TimeSpan.FromSeconds(10));
        await Polls.FishForMessageAsync<StorePolled>(p => p.StoreId == "optional" && p.Outcome == StorePollOutcome.Failed);
        Clock.Advance(TimeSpan.FromSeconds(10));
        await Polls.FishForMessageAsync<StorePolled>(p => p.StoreId == "optional" && p.Outcome == StorePollOutcome.Failed);
        await Lifecycle.FishForMessageAsync<StoreFailed>(f => f.StoreId == "optional" && !f.IsRequired && f.Cause.Contains("503", StringComparison.Ordinal));
        var status = await Stores.Ask<StoresStatus>(GetStoresStatus.Instance, TimeSpan.FromSeconds(5));
        status.Stores.Single(s => s.StoreId == "optional").State.Should().Be(StoreState.Failed);
        status.AllRequiredLoaded.Should().BeTrue();

        // It keeps retrying at its poll interval and joins when the service is back.
        _server.Handler = ctx => TestHttpServer.WriteJsonAsync(ctx, Defs.Response(Defs.Window("remote")));
        Clock.Advance(TimeSpan.FromSeconds(60));
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "remote" && e.App.StoreId == "optional", TimeSpan.FromSeconds(10));
        await Lifecycle.FishForMessageAsync<StoreLoaded>(l => l.StoreId == "optional");
    }

    [Fact]
    public async Task RequiredStoreSlow_AppStoresTimeoutPasses_FailsTheBootNamingTheStore()
    {
        var missing = Path.Combine(_folder.Path, "missing");
        var settings = Only(new PathStoreSettings { Id = "slow", Path = missing, StartRetries = 100, StartRetryInterval = TimeSpan.FromSeconds(10) })
            with { AppStoresTimeout = TimeSpan.FromSeconds(25) };
        Start(settings);
        var answer = Stores.Ask<object>(WaitForRequiredStores.Instance, TimeSpan.FromHours(1));
        await ExpectPollAsync(StorePollOutcome.Failed);
        Clock.Advance(TimeSpan.FromSeconds(10));
        await ExpectPollAsync(StorePollOutcome.Failed);
        Clock.Advance(TimeSpan.FromSeconds(10));
        await ExpectPollAsync(StorePollOutcome.Failed);
        answer.IsCompleted.Should().BeFalse();
        Clock.Advance(TimeSpan.FromSeconds(5));

        var failed = (await answer).Should().BeOfType<RequiredStoresFailed>().Subject;
        failed.TimedOut.Should().BeTrue();
        failed.Message.Should().Contain("store 'slow' (path)").And.Contain("appStoresTimeout").And.Contain("does not exist");
    }

    [Fact]
    public async Task NoRequiredStores_BootGoesOnAtOnce()
    {
        Start(new AppStoresSettings());
        var loaded = await Stores.Ask<RequiredStoresLoaded>(WaitForRequiredStores.Instance, TimeSpan.FromSeconds(5));
        loaded.Status.Stores.Should().ContainSingle(s => s.StoreId == AppStores.InMemoryStoreId && !s.IsRequired);
    }

    [Fact]
    public void Settings_SeveralProblems_AreAllReportedAtOnce()
    {
        var settings = new AppStoresSettings
        {
            Stores = [new RestStoreSettings { Url = new Uri("ftp://x/"), PollInterval = TimeSpan.Zero }, new PathStoreSettings { Id = "bad id" }],
            SystemStores = [new ServerStoreSettings { Url = new Uri("http://m/"), Username = "u" }],
            AppStoresTimeout = TimeSpan.Zero,
        };
        var problems = settings.Validate();
        problems.Should().Contain(p => p.Contains("appStoresTimeout", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("store 'store-0': details.url \"ftp://x/\"", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("store 'store-0': pollInterval 0 ms must be positive", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("store 'bad id': id", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("store 'bad id': details.path is required", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("not allowed in systemAppStores", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("auth.basic.password", StringComparison.Ordinal));
        var act = () => AppStores.StoresProps(settings, Sys.DeadLetters);
        act.Should().Throw<ArgumentException>().WithMessage("*appStoresTimeout*details.url*");
    }

    /// <summary>Takes its events slowly: each delivery, on the publishing thread, waits for <paramref name="release"/> (at most half a second).</summary>
    private sealed class BlockingSubscriber(ActorSystem system, ActorPath path, ManualResetEventSlim release) : MinimalActorRef
    {
        public override ActorPath Path => path;

        public override IActorRefProvider Provider => ((ExtendedActorSystem)system).Provider;

        protected override void TellInternal(object message, IActorRef sender) => release.Wait(TimeSpan.FromMilliseconds(500));
    }

    /// <summary>Sets <paramref name="signal"/> on each event it receives.</summary>
    private sealed class SignallingSubscriber(ActorSystem system, ActorPath path, ManualResetEventSlim signal) : MinimalActorRef
    {
        public override ActorPath Path => path;

        public override IActorRefProvider Provider => ((ExtendedActorSystem)system).Provider;

        protected override void TellInternal(object message, IActorRef sender) => signal.Set();
    }
}
