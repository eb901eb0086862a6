using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Hosting;

/// <summary>What the platform persists: an acknowledged import survives the host process being killed (SIGKILL).</summary>
public sealed class KilledHostPersistenceTests : IDisposable
{
    private const string Token = "killed-host-token";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
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

        using (var first = await HostProcess.StartAsync(config))
        {
            var body = """[{ "name": "kept-notes", "type": "window", "details": { "url": "https://example.com/notes" } }, { "name": "kept-chart", "type": "window", "details": { "url": "https://example.com/chart" } }]""";
            var import = await first.Client.PostAsync("/api/apps/import", new StringContent(body, Encoding.UTF8, "application/json"));
            import.IsSuccessStatusCode.Should().BeTrue(await import.Content.ReadAsStringAsync());
            first.Kill();
        }

        using var second = await HostProcess.StartAsync(config);
        var export = await second.Client.GetStringAsync("/api/apps/export");
        using var json = JsonDocument.Parse(export);
        json.RootElement.EnumerateArray().Select(a => a.GetProperty("name").GetString()).Should().BeEquivalentTo(["kept-notes", "kept-chart"]);
    }

    private sealed class HostProcess : IDisposable
    {
        private readonly Process _process;

        private HostProcess(Process process, HttpClient client)
        {
            _process = process;
            Client = client;
        }

        public HttpClient Client { get; }

        public static async Task<HostProcess> StartAsync(string config)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ioactors.dll"));
            start.ArgumentList.Add("run");
            start.ArgumentList.Add("--config");
            start.ArgumentList.Add(config);
            var process = Process.Start(start)!;
            var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var booted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not { } line)
                {
                    url.TrySetException(new InvalidOperationException("the host exited: " + output));
                    booted.TrySetException(new InvalidOperationException("the host exited: " + output));
                    return;
                }

                lock (output)
                {
                    output.AppendLine(line);
                }

                const string marker = "IoActors API on ";
                if (line.StartsWith(marker, StringComparison.Ordinal))
                {
                    url.TrySetResult(line[marker.Length..].Split(' ')[0]);
                }

                if (line.StartsWith("Boot completed", StringComparison.Ordinal))
                {
                    booted.TrySetResult();
                }
            };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                var baseUrl = await url.Task.WaitAsync(StartTimeout);
                await booted.Task.WaitAsync(StartTimeout);
                var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
                return new HostProcess(process, client);
            }
            catch
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw;
            }
        }

        /// <summary>SIGKILL: no shutdown runs.</summary>
        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit();
        }

        public void Dispose()
        {
            Client.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }
    }
}
