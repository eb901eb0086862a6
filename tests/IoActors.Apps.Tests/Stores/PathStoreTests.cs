using FluentAssertions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using IoActors.Apps.Tests.Stores.Support;
using IoActors.Testing;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Apps.Tests.Stores;

public sealed class PathStoreTests(ITestOutputHelper output) : StoreTestKit(output)
{
    private static readonly TimeSpan Rescan = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }

    private PathStoreSettings PathStore(bool watch = false) => new() { Id = "local", Path = _folder.Path, Watch = watch };

    [Fact]
    public async Task Rescan_NewFileWithAnArray_AddsItsApps()
    {
        _folder.Write("one.json", Defs.Window("one"));
        Start(Only(PathStore()));
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "one" && e.App.StoreId == "local");
        await ExpectPollAsync(StorePollOutcome.Changed);

        _folder.Write("more.json", $"[{Defs.Window("two")}, {Defs.Window("three")}]");
        Clock.Advance(Rescan);
        await ExpectPollAsync(StorePollOutcome.Changed);
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "three");
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "two");

        Clock.Advance(Rescan);
        await ExpectPollAsync(StorePollOutcome.Unchanged);
        await ExpectNoAppEventsAsync();
    }

    [Fact]
    public async Task Rescan_HalfWrittenFile_KeepsItsLastGoodDefinitionsAndReportsFileAndLine()
    {
        var full = $"[\n  {Defs.Window("one")},\n  {Defs.Window("two")}\n]";
        _folder.Write("apps.json", full);
        Start(Only(PathStore()));
        Events.ReceiveN(2, TimeSpan.FromSeconds(10));
        await ExpectPollAsync(StorePollOutcome.Changed);

        _folder.Write("apps.json", full[..(full.Length / 2)]);
        Clock.Advance(Rescan);
        await ExpectPollAsync(StorePollOutcome.Unchanged);
        var error = await Errors.ExpectMsgAsync<StoreError>();
        error.Source.Should().Be(_folder.File("apps.json"));
        error.Line.Should().BeGreaterThan(0);
        error.Message.Should().StartWith("invalid JSON");
        await ExpectNoAppEventsAsync();
        (await NamesAsync()).Should().Equal("one", "two");

        // The same half-written content is not reported again; finishing the file publishes only the real change.
        Clock.Advance(Rescan);
        await ExpectPollAsync(StorePollOutcome.Unchanged);
        await Errors.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        _folder.Write("apps.json", $"[\n  {Defs.Window("one")},\n  {Defs.Window("two", "https://two.v2/")}\n]");
        Clock.Advance(Rescan);
        await ExpectPollAsync(StorePollOutcome.Changed);
        await Events.ExpectMsgAsync<AppChanged>(e => e.Current.Name == "two");
        await ExpectNoAppEventsAsync();
    }

    [Fact]
    public async Task Rescan_InvalidRecord_KeepsThatAppsLastGoodDefinitionAndReportsItsLine()
    {
        _folder.Write("apps.json", $"[\n  {Defs.Window("one")},\n  {Defs.Window("two")}\n]");
        Start(Only(PathStore()));
        Events.ReceiveN(2, TimeSpan.FromSeconds(10));
        await ExpectPollAsync(StorePollOutcome.Changed);

        _folder.Write("apps.json", $"[\n  {Defs.Window("one", "https://one.v2/")},\n  {{\"name\": \"two\", \"type\": \"window\", \"details\": {{\"url\": 7}}}}\n]");
        Clock.Advance(Rescan);
        await ExpectPollAsync(StorePollOutcome.Changed);
        var error = await Errors.ExpectMsgAsync<StoreError>();
        error.AppName.Should().Be("two");
        error.Line.Should().Be(3);
        await Events.ExpectMsgAsync<AppChanged>(e => e.Current.Name == "one");
        await ExpectNoAppEventsAsync();
        (await NamesAsync()).Should().Equal("one", "two");
    }

    [Fact]
    public async Task Rescan_DeletedFile_RemovesItsApps()
    {
        _folder.Write("a.json", Defs.Window("one"));
        _folder.Write("b.json", Defs.Window("two"));
        Start(Only(PathStore()));
        Events.ReceiveN(2, TimeSpan.FromSeconds(10));
        await ExpectPollAsync(StorePollOutcome.Changed);

        File.Delete(_folder.File("b.json"));
        Clock.Advance(Rescan);
        await ExpectPollAsync(StorePollOutcome.Changed);
        await Events.ExpectMsgAsync<AppRemoved>(e => e.App.Name == "two");
        (await NamesAsync()).Should().Equal("one");
    }

    [Fact]
    public async Task Rescan_SameNameInTwoFiles_FirstFileWinsAndTheOtherIsReported()
    {
        _folder.Write("a.json", Defs.Window("one", "https://a/"));
        _folder.Write("b.json", Defs.Window("one", "https://b/"));
        Start(Only(PathStore()));
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Definition.Details.GetProperty("url").GetString() == "https://a/", TimeSpan.FromSeconds(10));
        await Errors.ExpectMsgAsync<StoreError>(e => e.Source == _folder.File("b.json") && e.Message.Contains("already defined", StringComparison.Ordinal));
        await ExpectNoAppEventsAsync();
    }

    [Fact]
    public async Task Watcher_FileWritten_ScansAfterTheDebounceOnTheVirtualClock()
    {
        Start(Only(PathStore(watch: true) with { RescanInterval = TimeSpan.Zero, DebounceInterval = TimeSpan.FromMilliseconds(500) }));
        await ExpectPollAsync(StorePollOutcome.Unchanged);
        var observed = CreateTestProbe();
        Sys.EventStream.Subscribe(observed.Ref, typeof(PathStoreChangeObserved));

        _folder.Write("new.json", Defs.Window("fresh"));
        await observed.ExpectMsgAsync<PathStoreChangeObserved>(TimeSpan.FromSeconds(10));
        await Events.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        // The debounce is armed before the observation is published; more change notifications of the same write re-arm
        // it at the same virtual instant (the scheduler does not move until advanced).
        Clock.Advance(TimeSpan.FromMilliseconds(500));
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "fresh", TimeSpan.FromSeconds(10));
        (await NamesAsync()).Should().Equal("fresh");
    }

    [Fact]
    public async Task SystemPathStore_AppsAreSystemAndTheFolderIsNotMonitored()
    {
        _folder.Write("core.json", Defs.Window("core"));
        Start(new AppStoresSettings { SystemStores = [PathStore(watch: true) with { Id = null }], EnableInMemoryStore = false });
        var added = await Events.ExpectMsgAsync<AppAdded>(TimeSpan.FromSeconds(10));
        added.App.IsSystem.Should().BeTrue();
        added.App.StoreId.Should().Be("system-0");
        await ExpectPollAsync(StorePollOutcome.Changed);

        _folder.Write("late.json", Defs.Window("late"));
        Clock.Advance(TimeSpan.FromMinutes(10));
        await Polls.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        await ExpectNoAppEventsAsync();
    }

    [Fact]
    public async Task Overrides_StoreOverrides_AreAppliedToItsDefinitions()
    {
        _folder.Write("one.json", Defs.Window("one"));
        Start(Only(PathStore() with { Overrides = IoActors.Apps.Definitions.AppDefinitionOverrides.Parse("""{"allowMultiple": false}""") }));
        var added = await Events.ExpectMsgAsync<AppAdded>(TimeSpan.FromSeconds(10));
        added.App.Definition.AllowMultiple.Should().BeFalse();
        await Task.CompletedTask;
    }
}
