using FluentAssertions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using IoActors.Apps.Tests.Stores.Support;
using IoActors.Testing;
using Akka.Actor;
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
        await Events.ExpectMsgAsync<AppRemoved>(e => e.App.Name == "one");
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "three" && e.App.StoreId == AppStores.InMemoryStoreId);
        await ExpectNoAppEventsAsync();
    }

    [Fact]
    public async Task Import_Merge_NeverRemovesAndReplacesSameNames()
    {
        Start(new AppStoresSettings());
        await ImportAsync(ImportMode.Replace, Defs.Window("one"), Defs.Window("two"));
        Events.ReceiveN(2);

        await ImportAsync(ImportMode.Merge, Defs.Window("two", "https://two.v2/"), Defs.Window("three"));
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "three");
        await Events.ExpectMsgAsync<AppChanged>(e => e.Current.Name == "two");
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
        await Events.ExpectMsgAsync<AppAdded>(TimeSpan.FromSeconds(10));
        await ImportAsync(ImportMode.Replace, Defs.Window("one", "https://in-memory/"));
        await Lifecycle.FishForMessageAsync<AppNameConflict>(c => c.Name == "one" && c.WinnerStoreId == "store-0" && c.ShadowedStoreIds.Single() == AppStores.InMemoryStoreId);
        await ExpectNoAppEventsAsync();
        (await Registry.Ask<AppLookup>(new GetApp("one"), AskTimeout)).App!.StoreId.Should().Be("store-0");
    }
    [Fact]
    public async Task Import_DefinitionWithALoneSurrogate_IsAnsweredAndNothingIsRemoved()
    {
        Start(new AppStoresSettings());
        await ImportAsync(ImportMode.Replace, Defs.Window("one"));
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "one");

        var result = await Answered(ImportAsync(ImportMode.Merge, """{"name": "broken", "type": "window", "title": "x\udc00", "details": {"url": "https://b/"}}""", Defs.Window("two")));
        // Answered, not a failure: whether the reader accepts the text or reports it, the store stays up and keeps "one".
        result.Imported.Should().Contain("two");
        (result.Imported.Count + result.Errors.Count).Should().Be(2);
        await Events.FishForMessageAsync<AppAdded>(e => e.App.Name == "two");
        (await NamesAsync()).Should().Contain(["one", "two"]);
        await Events.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public async Task Restart_ACommandThatFailsTheStore_IsAnsweredWithAnErrorAndTheSetComesBack()
    {
        Start(new AppStoresSettings());
        await ImportAsync(ImportMode.Replace, Defs.Window("one"), Defs.Window("two"));
        Events.ReceiveN(2);

        // A message whose content throws where no definition is read yet: the store actor fails and restarts.
        var failing = () => Answered(Stores.Ask<ImportResult>(new ImportApps(new FailingList(), ImportMode.Replace), AskTimeout));
        (await failing.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("restarted").And.Contain("unchanged");

        (await Answered(Stores.Ask<ExportResult>(ExportApps.Instance, AskTimeout))).Definitions.Select(d => d.Name).Should().Equal("one", "two");
        await ExpectNoAppEventsAsync();
        (await Answered(ImportAsync(ImportMode.Merge, Defs.Window("three")))).Imported.Should().Equal("three");
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "three");
        await ExpectNoAppEventsAsync();
        (await NamesAsync()).Should().Equal("one", "three", "two");
    }

    // A store that never answers fails the test in real time (Akka's ask timeouts are real time anyway).
    private static Task<T> Answered<T>(Task<T> ask) => ask.WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>A definition list that fails when it is read: a stand-in for any fault inside the store's handler.</summary>
    private sealed class FailingList : IReadOnlyList<System.Text.Json.JsonElement>
    {
        public int Count => throw new InvalidDataException("the list cannot be read");

        public System.Text.Json.JsonElement this[int index] => throw new InvalidDataException("the list cannot be read");

        public IEnumerator<System.Text.Json.JsonElement> GetEnumerator() => throw new InvalidDataException("the list cannot be read");

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
