using FluentAssertions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using IoActors.Apps.Tests.Stores.Support;
using IoActors.Kernel;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Apps.Tests.Stores;

public sealed class InMemoryStoreTests(ITestOutputHelper output) : StoreTestKit(output)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private Task<ImportResult> ImportAsync(ImportMode mode, params string[] definitions) =>
        Stores.Ask<ImportResult>(new ImportApps([.. definitions.Select(Defs.Element)], mode), AskTimeout);

    [Fact]
    public async Task Import_Replace_RemovesWhatTheNewSetLacks()
    {
        Start(new AppStoresSettings());
        await ImportAsync(ImportMode.Replace, Defs.Window("one"), Defs.Window("two"));
        Events.ReceiveN(2);

        var result = await ImportAsync(ImportMode.Replace, Defs.Window("two"), Defs.Window("three"));
        result.Imported.Should().Equal("two", "three");
        Events.ExpectMsg<AppRemoved>(e => e.App.Name == "one");
        Events.ExpectMsg<AppAdded>(e => e.App.Name == "three" && e.App.StoreId == AppStores.InMemoryStoreId);
        await ExpectNoAppEventsAsync();
    }

    [Fact]
    public async Task Import_Merge_NeverRemovesAndReplacesSameNames()
    {
        Start(new AppStoresSettings());
        await ImportAsync(ImportMode.Replace, Defs.Window("one"), Defs.Window("two"));
        Events.ReceiveN(2);

        await ImportAsync(ImportMode.Merge, Defs.Window("two", "https://two.v2/"), Defs.Window("three"));
        Events.ExpectMsg<AppAdded>(e => e.App.Name == "three");
        Events.ExpectMsg<AppChanged>(e => e.Current.Name == "two");
        await ExpectNoAppEventsAsync();
        (await NamesAsync()).Should().Equal("one", "three", "two");
    }

    [Fact]
    public async Task Import_InvalidDefinitions_AreReportedWithTheirErrors()
    {
        Start(new AppStoresSettings());
        var result = await ImportAsync(ImportMode.Replace, Defs.Window("good"), """{"name": "bad", "type": "window", "details": {}}""", """{"type": "window"}""", Defs.Window("good"));
        result.Imported.Should().Equal("good");
        result.Errors.Select(e => e.App).Should().Equal("bad", "#2", "good");
        result.Errors[0].Error.Should().Contain("url");
        result.Errors[2].Error.Should().Contain("more than once");
    }

    [Fact]
    public async Task HasRemoveClearExport_WorkOnTheInMemoryDefinitionsAndTheRegistrySeesTheChange()
    {
        Start(new AppStoresSettings());
        await ImportAsync(ImportMode.Replace, Defs.Window("one"), Defs.Window("two"), Defs.Window("three"));
        (await Stores.Ask<HasInMemoryAppResult>(new HasInMemoryApp("two"), AskTimeout)).Exists.Should().BeTrue();

        (await Stores.Ask<RemoveInMemoryAppResult>(new RemoveInMemoryApp("two"), AskTimeout)).Removed.Should().BeTrue();
        (await Registry.Ask<AppLookup>(new GetApp("two"), AskTimeout)).App.Should().BeNull();
        (await Stores.Ask<RemoveInMemoryAppResult>(new RemoveInMemoryApp("two"), AskTimeout)).Removed.Should().BeFalse();
        (await Stores.Ask<ExportResult>(ExportApps.Instance, AskTimeout)).Definitions.Select(d => d.Name).Should().Equal("one", "three");

        (await Stores.Ask<ClearInMemoryAppsResult>(ClearInMemoryApps.Instance, AskTimeout)).Removed.Should().Equal("one", "three");
        (await NamesAsync()).Should().BeEmpty();
        (await Stores.Ask<HasInMemoryAppResult>(new HasInMemoryApp("one"), AskTimeout)).Exists.Should().BeFalse();
    }

    [Fact]
    public async Task Conflict_InMemoryAppNamedLikeAConfiguredApp_TheConfiguredStoreWins()
    {
        using var folder = new TempFolder();
        folder.Write("one.json", Defs.Window("one", "https://configured/"));
        Start(new AppStoresSettings { Stores = [new PathStoreSettings { Path = folder.Path, Watch = false }] });
        Events.ExpectMsg<AppAdded>(TimeSpan.FromSeconds(10));
        await ImportAsync(ImportMode.Replace, Defs.Window("one", "https://in-memory/"));
        Lifecycle.FishForMessage<AppNameConflict>(c => c.Name == "one" && c.WinnerStoreId == "store-0" && c.ShadowedStoreIds.Single() == AppStores.InMemoryStoreId);
        await ExpectNoAppEventsAsync();
        (await Registry.Ask<AppLookup>(new GetApp("one"), AskTimeout)).App!.StoreId.Should().Be("store-0");
    }
}
