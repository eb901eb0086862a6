using System.Net.Http.Headers;
using IoActors.Gateway;
using IoActors.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IoActors.Host.Tests.Support;

/// <summary>A real host (Kestrel on 127.0.0.1, port 0) whose apps run the node scripts of tests/compat with the real io.Connect client.</summary>
public sealed class CompatHost : IAsyncDisposable
{
    private bool _restarted;

    private CompatHost(string folder, PlatformHost host)
    {
        Folder = folder;
        Host = host;
        Client = new HttpClient { BaseAddress = new Uri(host.Url), Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Token);
    }

    /// <summary>The scripts folder (tests/compat).</summary>
    public static string Scripts => Path.Combine(HostFixture.RepositoryRoot, "tests", "compat");

    internal PlatformHost Host { get; }

    public string Folder { get; }

    public HttpClient Client { get; }

    /// <summary>The host's gateway (to issue tokens as the platform does for the instances it starts).</summary>
    public IIoGateway Gateway => Host.App.Services.GetRequiredService<IIoGateway>();

    /// <summary>The gateway's WebSocket URL (ws://127.0.0.1:PORT/gw).</summary>
    public Uri GatewayUrl => new(Host.Url.Replace("http://", "ws://", StringComparison.Ordinal) + "/gw");

    /// <summary>Writes the app definitions (name → JSON) and starts the host; does not wait for the boot.</summary>
    /// <param name="apps">The app definitions of the host's path store, by file name.</param>
    /// <param name="configuration">More HOCON appended to the test configuration, or <see langword="null"/>.</param>
    public static async Task<CompatHost> StartAsync(IReadOnlyDictionary<string, string> apps, string? configuration = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ioactors-compat-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(folder, "apps"));
        File.Copy(Path.Combine(HostFixture.RepositoryRoot, "hocon", "reference.conf"), Path.Combine(folder, "reference.conf"));
        foreach (var (name, json) in apps)
        {
            File.WriteAllText(Path.Combine(folder, "apps", name + ".json"), json);
        }

        File.WriteAllText(Path.Combine(folder, "test.conf"), """
            include required("reference.conf")
            appStores = [ { type = path, details { path = "apps" } } ]
            ioactors {
              dataFolder = "data"
              api.port = 0
              shutdown.budget = 10s
              instances.stopGracePeriod = 3s
              logging.file = null
            }
            """ + (configuration is null ? string.Empty : "\n" + configuration + "\n"));
        var host = await PlatformHost.StartAsync(HostConfiguration.Load(Path.Combine(folder, "test.conf")));
        return new CompatHost(folder, host);
    }

    /// <summary>A node app definition running a tests/compat script.</summary>
    /// <param name="name">The app name.</param>
    /// <param name="script">The script in tests/compat.</param>
    /// <param name="parameters">Its command line.</param>
    /// <param name="runPriority">A runPriority (JSON) that makes it an auto-start app, or <see langword="null"/>.</param>
    /// <param name="properties">More top-level properties (JSON members, e.g. <c>"version": "1"</c>), or <see langword="null"/>.</param>
    public static string NodeApp(string name, string script, string parameters, string? runPriority = null, string? properties = null) => $$"""
        { "name": "{{name}}", "title": "{{name}} title", "type": "node", "autoStart": {{(runPriority is null ? "false" : "true")}},
          {{(runPriority is null ? "" : "\"runPriority\": " + runPriority + ",")}}
          {{(properties is null ? "" : properties + ",")}}
          "details": { "path": "{{Path.Combine(Scripts, script).Replace("\\", "\\\\", StringComparison.Ordinal)}}", "parameters": "{{parameters.Replace("\\", "\\\\", StringComparison.Ordinal)}}" } }
        """;

    /// <summary>Starts an instance of <paramref name="app"/> (with a start context, when given) through the HTTP API (201 expected); returns its id.</summary>
    public async Task<string> StartInstanceAsync(string app, System.Text.Json.Nodes.JsonObject? context = null)
    {
        var request = new System.Text.Json.Nodes.JsonObject { ["app"] = app };
        if (context is not null)
        {
            request["context"] = context;
        }

        using var response = await Client.PostAsync("/api/instances", new StringContent(request.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /api/instances {{app: {app}}} answered {(int)response.StatusCode}: {body}");
        }

        return System.Text.Json.Nodes.JsonNode.Parse(body)!["id"]!.ToString();
    }

    /// <summary>Stops this host (its folder and data stay) and starts a new one on the same configuration and data folder; dispose the new one.</summary>
    public async Task<CompatHost> RestartAsync()
    {
        _restarted = true;
        Client.Dispose();
        await Host.DisposeAsync();
        return new CompatHost(Folder, await PlatformHost.StartAsync(HostConfiguration.Load(Path.Combine(Folder, "test.conf"))));
    }

    /// <summary>Completes when <paramref name="path"/> exists (a file-system watcher, then a check for a file created before it).</summary>
    public static async Task WhenFileExistsAsync(string path, TimeSpan timeout)
    {
        var exists = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path));
        watcher.Created += (_, _) => exists.TrySetResult();
        watcher.Renamed += (_, _) => exists.TrySetResult();
        watcher.Changed += (_, _) => exists.TrySetResult();
        watcher.EnableRaisingEvents = true;
        if (File.Exists(path))
        {
            exists.TrySetResult();
        }

        await exists.Task.WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (_restarted)
        {
            // The host that replaced this one owns the folder.
            return;
        }

        Client.Dispose();
        await Host.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
