using System.Diagnostics;
using System.Text.Json;
using FluentAssertions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using IoActors.Platform.AppManagement;
using IoActors.Platform.Instances;
using IoActors.Platform.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Tests.AppManagement;

/// <summary>
/// The App Management facade with a path store next to the in-memory store: an import the conflict rule shadows, and
/// processes the platform did not start registered as instances (real processes, real time).
/// </summary>
public sealed class AppManagerRegistrationTests : InstanceTestKit
{
    private readonly AppManager _apps;
    private readonly string _folder;

    public AppManagerRegistrationTests(ITestOutputHelper output)
        : base(output, virtualTime: false)
    {
        _folder = TempFolder();
        File.WriteAllText(Path.Combine(_folder, "notes.json"), """{ "name": "notes", "type": "node", "title": "Notes", "allowMultiple": false, "details": { "path": "/x/notes.js" } }""");
        File.WriteAllText(Path.Combine(_folder, "tool.json"), """{ "name": "tool", "type": "node", "title": "Tool", "details": { "path": "/x/tool.js" } }""");
        var added = CreateTestProbe("app-added");
        Sys.EventStream.Subscribe(added.Ref, typeof(AppAdded));
        var registry = Sys.ActorOf(AppStores.RegistryProps(), AppStores.RegistryActorName);
        var stores = Sys.ActorOf(AppStores.StoresProps(new AppStoresSettings { Stores = [new PathStoreSettings { Id = "local", Path = _folder, Watch = false }] }, registry), AppStores.StoresActorName);
        var instances = StartManager(new InstanceManagerSettings { StopGracePeriod = TimeSpan.FromSeconds(2) });
        _apps = new AppManager(Sys, registry, instances, stores, new AppManagerOptions { AskTimeout = TimeSpan.FromSeconds(10), StartTimeout = TimeSpan.FromSeconds(10) });
        var loaded = new[] { added.ExpectMsg<AppAdded>(TimeSpan.FromSeconds(10)).App.Name, added.ExpectMsg<AppAdded>(TimeSpan.FromSeconds(10)).App.Name };
        loaded.Should().BeEquivalentTo(["notes", "tool"], "the path store loaded before the tests import");
    }

    private static JsonElement Definition(string name, string title) =>
        JsonDocument.Parse($$"""{ "name": "{{name}}", "type": "node", "title": "{{title}}", "details": { "path": "/x/{{name}}.js" } }""").RootElement;

    [Fact]
    public async Task InMemoryImport_OfANameThePathStoreDefines_IsShadowedByIt_AndTheOtherIsImported()
    {
        var result = await _apps.InMemory.ImportAsync([Definition("notes", "Imported notes"), Definition("fresh", "Fresh")], ImportMode.Merge);

        result.Imported.Should().Equal("fresh");
        var shadowed = result.Shadowed.Should().ContainSingle().Subject;
        shadowed.App.Should().Be("notes");
        shadowed.By.Should().Be("local");
        shadowed.Reason.Should().Contain("'local'").And.Contain("in-memory store");
        (await _apps.ApplicationAsync("notes"))!.Definition.Title.Should().Be("Notes", "the path store's definition stays in effect");
        (await _apps.InMemory.ExportAsync()).Select(d => d.Name).Should().BeEquivalentTo(["notes", "fresh"], "the shadowed definition is kept");
    }

    [Fact]
    public async Task Register_ARunningProcess_IsAnInstanceUnderTheIdItAskedFor_UntilTheProcessExits()
    {
        using var process = StartSleeper();
        try
        {
            var instance = await _apps.RegisterAsync("tool", process.Id, "client-chosen-id");

            instance.Id.Should().Be("client-chosen-id");
            instance.ProcessId.Should().Be(process.Id);
            instance.State.Should().Be(InstanceState.Running);
            (await ExpectEventAsync<InstanceStarted>()).InstanceId.Should().Be("client-chosen-id");
            (await _apps.InstancesAsync()).Should().ContainSingle(i => i.Id == "client-chosen-id" && i.AppName == "tool");

            process.Kill();

            var stopped = await ExpectEventAsync<InstanceStopped>(max: TimeSpan.FromSeconds(20));
            stopped.InstanceId.Should().Be("client-chosen-id");
            stopped.Requested.Should().BeFalse();
            stopped.Reason.Should().StartWith("exited: the process exited");
            (await _apps.InstancesAsync()).Should().BeEmpty();
        }
        finally
        {
            Kill(process);
        }
    }

    [Fact]
    public async Task Register_AnIdInUseOrNotUsable_GetsANewId()
    {
        var first = await _apps.RegisterAsync("tool", null, "same");
        var second = await _apps.RegisterAsync("tool", null, "same");
        var odd = await _apps.RegisterAsync("tool", null, "not/an id");

        first.Id.Should().Be("same");
        second.Id.Should().NotBe("same").And.MatchRegex("^[0-9a-f]{32}$");
        odd.Id.Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task Register_WithoutAProcess_LivesUntilStopped()
    {
        var instance = await _apps.RegisterAsync("tool", null);
        instance.ProcessId.Should().BeNull();

        var stopped = await _apps.StopAsync(instance.Id);

        stopped.Requested.Should().BeTrue();
        (await _apps.InstancesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Register_AProcessThatDoesNotRun_FailsNamingIt_AndASingleInstanceAppOnlyOnce()
    {
        var missing = () => _apps.RegisterAsync("tool", int.MaxValue - 7);
        (await missing.Should().ThrowAsync<InstanceStartException>()).Which.Reason.Should().Contain($"no process with id {int.MaxValue - 7}");

        await _apps.RegisterAsync("notes", null);
        var again = () => _apps.RegisterAsync("notes", null);
        (await again.Should().ThrowAsync<InstanceStartException>()).Which.Reason.Should().Contain("does not allow multiple instances");
        var unknown = () => _apps.RegisterAsync("nope", null);
        await unknown.Should().ThrowAsync<AppNotFoundException>();
    }

    private Process StartSleeper()
    {
        var process = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        Tracker.Track(process.Id);
        return process;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
        }
    }
}
