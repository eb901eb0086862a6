using System.Net.Http.Headers;
using IoActors.Host.Hosting;

namespace IoActors.Host.Tests.Support;

/// <summary>A real host (Kestrel on 127.0.0.1, port 0) on a temporary configuration with small node-script apps.</summary>
public class HostFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ioactors-host-" + Guid.NewGuid().ToString("N")[..8]);

    internal PlatformHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string Folder => _folder;

    /// <summary>The repository root (found upwards from the test binaries).</summary>
    public static string RepositoryRoot => IoActors.Testing.Repository.Root;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "apps"));
        File.Copy(Path.Combine(RepositoryRoot, "hocon", "reference.conf"), Path.Combine(_folder, "reference.conf"));
        var scripts = Path.Combine(RepositoryRoot, "samples", "scripts");
        File.WriteAllText(Path.Combine(_folder, "apps", "svc.json"), $$"""
            { "name": "svc", "title": "Service", "type": "node", "autoStart": true,
              "runPriority": { "stage": "user", "priority": 1, "timeout": 15000, "waitForInitialization": "appSignal" },
              "details": { "path": "{{Path.Combine(scripts, "ready-service.js")}}" } }
            """);
        File.WriteAllText(Path.Combine(_folder, "apps", "echo.json"), $$"""
            { "name": "echo", "title": "Echo", "type": "exe", "allowMultiple": true,
              "details": { "path": "{{scripts}}", "command": "node", "parameters": "echo-exe.js --interval 1000" } }
            """);
        File.WriteAllText(Path.Combine(_folder, "ctxdump.js"), "require('fs').writeFileSync(process.argv[2], process.env._GD_STARTING_CONTEXT_ || '');\n");
        File.WriteAllText(Path.Combine(_folder, "apps", "ctxdump.json"), $$"""
            { "name": "ctxdump", "title": "Context dump", "type": "node",
              "details": { "path": "{{Path.Combine(_folder, "ctxdump.js")}}", "parameters": "{{Path.Combine(_folder, "ctx.json")}}" } }
            """);
        File.WriteAllText(Path.Combine(_folder, "test.conf"), """
            include required("reference.conf")
            appStores = [ { type = path, details { path = "apps" } } ]
            ioactors {
              dataFolder = "data"
              api.port = 0
              shutdown.budget = 10s
              instances.stopGracePeriod = 3s
              logging.file = null
            }
            """ + "\n" + ExtraSettings);
        var options = HostConfiguration.Load(Path.Combine(_folder, "test.conf"));
        Host = await PlatformHost.StartAsync(options, sseOptions: SseOptions);
        await Host.Platform.WhenBooted.WaitAsync(TimeSpan.FromSeconds(60));
        Client = NewClient(Host.Token);
    }

    /// <summary>Settings appended to the configuration (root-level HOCON).</summary>
    protected virtual string ExtraSettings => string.Empty;

    /// <summary>The event-stream buffer sizes; null for the defaults.</summary>
    internal virtual IoActors.Host.Sse.SseOptions? SseOptions => null;

    public HttpClient NewClient(string? token)
    {
        // The client waits for the answer to "Expect: 100-continue" as long as for a response: with the default 1 s, a host
        // slowed by a loaded machine got an oversized body sent anyway, answered 413 from Content-Length and closed, and
        // the client failed with a broken pipe while still writing.
        var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) };
        var client = new HttpClient(handler) { BaseAddress = new Uri(Host.Url), Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
