using System.Text;
using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Hosting;

/// <summary>What the platform persists: an acknowledged import survives the host process being killed (SIGKILL).</summary>
public sealed class KilledHostPersistenceTests : IDisposable
{
    private readonly HostFolder _folder = new("ioactors-killed-", "killed-host-token");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ImportedApps_HostKilledAfterTheAcknowledgement_AreStillThereAfterARestart()
    {
        using (var first = await _folder.StartHostAsync())
        {
            var body = """[{ "name": "kept-notes", "type": "window", "details": { "url": "https://example.com/notes" } }, { "name": "kept-chart", "type": "window", "details": { "url": "https://example.com/chart" } }]""";
            var import = await first.Client.PostAsync("/api/apps/import", new StringContent(body, Encoding.UTF8, "application/json"));
            import.IsSuccessStatusCode.Should().BeTrue(await import.Content.ReadAsStringAsync());
            first.Kill();
        }

        using var second = await _folder.StartHostAsync();
        var export = await second.Client.GetStringAsync("/api/apps/export");
        using var json = JsonDocument.Parse(export);
        json.RootElement.EnumerateArray().Select(a => a.GetProperty("name").GetString()).Should().BeEquivalentTo(["kept-notes", "kept-chart"]);
    }
}
