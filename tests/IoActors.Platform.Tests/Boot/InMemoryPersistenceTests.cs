using System.Text.Json;
using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using Akka.Actor;
using IoActors.Platform.Boot;
using IoActors.Platform.Tests.Support;
using IoActors.Platform.Events;
using Xunit;

namespace IoActors.Platform.Tests.Boot;

/// <summary>What the platform persists: the in-memory store's imports survive a restart (ioactors.inMemoryStore.persist).</summary>
public sealed class InMemoryPersistenceTests : IAsyncLifetime
{
    private readonly BootHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task InMemoryImports_AcknowledgedChanges_AreRestoredAfterARestart()
    {
        _h.Start();
        await _h.BootedAsync();
        var store = _h.Platform.AppManager.InMemory;
        (await store.ImportAsync([Definition("alpha"), Definition("beta"), Definition("gamma")])).Imported.Should().HaveCount(3);
        (await store.RemoveAsync("beta")).Should().BeTrue();
        (await store.ImportAsync([Definition("delta")], ImportMode.Merge)).Errors.Should().BeEmpty();

        await _h.StartAgainAsync();
        await _h.BootedAsync();

        (await _h.Platform.AppManager.InMemory.ExportAsync()).Select(d => d.Name).Should().BeEquivalentTo(["alpha", "gamma", "delta"]);
        (await _h.Platform.AppManager.ApplicationAsync("gamma")).Should().NotBeNull();
    }

    [Fact]
    public async Task InMemoryImports_TextWithCommentsAndTrailingCommas_IsRestoredAfterARestart()
    {
        // A definition keeps its text as read (comments included), and that text is what the journal stores.
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        using var commented = JsonDocument.Parse("""
            { /* a comment */ "name": "svc", "type": "window", // another
              "details": { "url": "https://example.com/svc", }, }
            """, options);
        _h.Start();
        await _h.BootedAsync();
        (await _h.Platform.AppManager.InMemory.ImportAsync([commented.RootElement.Clone()])).Imported.Should().Equal("svc");

        await _h.StartAgainAsync();
        await _h.BootedAsync();

        (await _h.Platform.AppManager.InMemory.ExportAsync()).Select(d => d.Name).Should().Equal("svc");
    }

    [Fact]
    public async Task BootReport_AskedWhileThePersistedAppsAreStillRestored_IsAnsweredOnceTheBootRuns()
    {
        // Asked at once: the boot supervisor may not exist yet (it starts after the journal replay); the request waits for it.
        _h.Start();
        var first = await _h.Platform.GetBootReportAsync().WaitAsync(TimeSpan.FromSeconds(10));
        first.Should().NotBeNull();
        await _h.BootedAsync();

        await _h.StartAgainAsync();
        var again = await _h.Platform.GetBootReportAsync().WaitAsync(TimeSpan.FromSeconds(10));
        again.Should().NotBeNull();
        await _h.BootedAsync();
    }

    [Fact]
    public async Task InMemoryImports_ClearedSet_StaysClearedAfterARestart()
    {
        _h.Start();
        await _h.BootedAsync();
        await _h.Platform.AppManager.InMemory.ImportAsync([Definition("alpha")]);
        await _h.Platform.AppManager.InMemory.ClearAsync();

        await _h.StartAgainAsync();
        await _h.BootedAsync();

        (await _h.Platform.AppManager.InMemory.ExportAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task InMemoryImports_RestoredBeforeTheBootPlans_SoAutoStartAppsStartInPostSso()
    {
        _h.Start();
        await _h.BootedAsync();
        var app = BootHarness.Definition("imported-service", "exe", new { stage = "post-sso", priority = 0, waitForInitialization = "no" });
        (await _h.Platform.AppManager.InMemory.ImportAsync([JsonSerializer.SerializeToElement(app)])).Errors.Should().BeEmpty();

        await _h.StartAgainAsync();
        var report = await _h.BootedAsync();

        report.Apps.Should().ContainSingle(a => a.Name == "imported-service" && a.Stage == BootStage.PostSso && a.Outcome == AppBootOutcome.Started);
    }

    [Fact]
    public async Task InMemoryImports_PersistenceOff_AreNotRestored()
    {
        _h.Start(o => o.IoActors.InMemoryStore.Persist = false);
        await _h.BootedAsync();
        await _h.Platform.AppManager.InMemory.ImportAsync([Definition("alpha")]);

        await _h.StartAgainAsync();
        await _h.BootedAsync();

        (await _h.Platform.AppManager.InMemory.ExportAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task InMemoryStore_RestartedByAFailingCommand_KeepsItsJournaledSetAndTheNextImportPersistsIt()
    {
        _h.Start();
        await _h.BootedAsync();
        var store = _h.Platform.AppManager.InMemory;
        (await store.ImportAsync([Definition("alpha"), Definition("beta")])).Imported.Should().HaveCount(2);
        await using var removed = _h.Platform.Subscribe<AppRemoved>();

        // Through the journal, as every change goes: a command whose content throws fails the store actor, which restarts.
        var failing = () => _h.Platform.Refs.InMemory.Ask<ImportResult>(new ImportApps(new FailingList(), ImportMode.Replace), TimeSpan.FromSeconds(30))
            .WaitAsync(TimeSpan.FromSeconds(10));
        await failing.Should().ThrowAsync<InvalidOperationException>();

        (await store.ExportAsync().WaitAsync(TimeSpan.FromSeconds(10))).Select(d => d.Name).Should().Equal("alpha", "beta");
        (await store.ImportAsync([Definition("gamma")], ImportMode.Merge).WaitAsync(TimeSpan.FromSeconds(10))).Imported.Should().Equal("gamma");
        (await _h.Platform.AppManager.ApplicationAsync("gamma")).Should().NotBeNull();
        removed.Reader.TryRead(out var gone).Should().BeFalse($"no in-memory app leaves the registry, but {gone?.App.Name} did");

        await _h.StartAgainAsync();
        await _h.BootedAsync();
        (await _h.Platform.AppManager.InMemory.ExportAsync()).Select(d => d.Name).Should().Equal("alpha", "beta", "gamma");
    }

    private static JsonElement Definition(string name) =>
        JsonSerializer.SerializeToElement(new { name, type = "window", details = new { url = $"https://example.com/{name}" } });

    /// <summary>A definition list that fails when it is read: a stand-in for any fault inside the store's handler.</summary>
    private sealed class FailingList : IReadOnlyList<JsonElement>
    {
        public int Count => throw new InvalidDataException("the list cannot be read");

        public JsonElement this[int index] => throw new InvalidDataException("the list cannot be read");

        public IEnumerator<JsonElement> GetEnumerator() => throw new InvalidDataException("the list cannot be read");

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
