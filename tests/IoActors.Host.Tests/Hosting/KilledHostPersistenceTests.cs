using System.Text;
using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Hosting;

/// <summary>What the platform persists: an acknowledged import survives the host process being killed (SIGKILL).</summary>
public sealed class KilledHostPersistenceTests : IDisposable
{
    private const string Token = "killed-host-token";
    private readonly string _folder = Directory.CreateTempSubdirectory("ioactors-killed-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task ImportedApps_HostKilledAfterTheAcknowledgement_AreStillThereAfterARestart()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "apps"));
        File.Copy(Path.Combine(HostFixture.RepositoryRoot, "hocon", "reference.conf"), Path.Combine(_folder, "reference.conf"));
        var config = Path.Combine(_folder, "test.conf");
        File.WriteAllText(config, $$"""
            include required("reference.conf")
            appStores = [ { type = path, details { path = "apps" } } ]
            ioactors {
              dataFolder = "data"
              api.port = 0
              api.token = "{{Token}}"
              shutdown.budget = 10s
              logging.file = null
            }
            """);

        using (var first = await HostProcess.StartAsync(config, Token))
        {
            var body = """[{ "name": "kept-notes", "type": "window", "details": { "url": "https://example.com/notes" } }, { "name": "kept-chart", "type": "window", "details": { "url": "https://example.com/chart" } }]""";
            var import = await first.Client.PostAsync("/api/apps/import", new StringContent(body, Encoding.UTF8, "application/json"));
            import.IsSuccessStatusCode.Should().BeTrue(await import.Content.ReadAsStringAsync());
            first.Kill();
        }

        using var second = await HostProcess.StartAsync(config, Token);
        var export = await second.Client.GetStringAsync("/api/apps/export");
        using var json = JsonDocument.Parse(export);
        json.RootElement.EnumerateArray().Select(a => a.GetProperty("name").GetString()).Should().BeEquivalentTo(["kept-notes", "kept-chart"]);
    }
}
