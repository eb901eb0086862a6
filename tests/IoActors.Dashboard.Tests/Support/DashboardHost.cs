using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace IoActors.Dashboard.Tests.Support;

/// <summary>The tests that share one host and one browser (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardHost>
{
    public const string Name = "dashboard";
}

/// <summary>
/// The real `ioactors run` on the sample platform (hocon/ioactors.conf, run in the repository root as its sample paths
/// need) with a random API token, a temporary data folder and a Debug log file there; and headless Chromium through
/// Playwright. Without a browser nothing starts and the tests skip (or fail, with <c>IOACTORS_REQUIRE_BROWSER=1</c>).
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    /// <summary>How long the page assertions wait: generous, for a loaded CI machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();
    private HostProcess? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The API token of this host (random per run).</summary>
    public string Token { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    /// <summary>Why the tests skip, or <see langword="null"/> when the browser is there.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>The running host.</summary>
    public HostProcess Host => _host ?? throw new SkipTestException(SkipReason ?? "the host did not start");

    /// <summary>The browser.</summary>
    public IBrowser Browser => _browser ?? throw new SkipTestException(SkipReason ?? "the browser did not start");

    /// <summary>The host's URL (the dashboard is at its root).</summary>
    public Uri Url => Host.Url;

    /// <summary>The folder the host keeps its data and log file in.</summary>
    public string Folder => _folder.Path;

    /// <summary>Where screenshots go: TestResults/dashboard at the repository root.</summary>
    public static string Screenshots => Path.Combine(Repository.Root, "TestResults", "dashboard");

    public async Task InitializeAsync()
    {
        var chromium = BrowserLocator.Find();
        if (chromium is null)
        {
            SkipReason = BrowserLocator.Missing;
            if (BrowserLocator.Required)
            {
                throw new InvalidOperationException("IOACTORS_REQUIRE_BROWSER=1 but " + SkipReason);
            }

            return;
        }

        SetDefaultExpectTimeout((float)Patience.TotalMilliseconds);
        Directory.CreateDirectory(Screenshots);
        _host = await HostProcess.StartAsync("hocon/ioactors.conf", Token, Repository.Root,
        [
            "ioactors:api:port=0",
            $"ioactors:dataFolder={_folder.File("data")}",
            $"ioactors:api:token={Token}",
            $"ioactors:logging:file={_folder.File("ioactors.log")}",
            "ioactors:logging:level=Debug",
        ]);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
    }

    /// <summary>Everything the host logged to its log files so far (they roll per day: ioactors*.log).</summary>
    public string LogFiles() => string.Concat(Directory.GetFiles(Folder, "ioactors*.log").Select(ReadShared));

    /// <summary>Imports app definitions into the in-memory store through the API (merged with what is there).</summary>
    public async Task ImportAsync(string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await Host.Client.PostAsync("/api/apps/import?merge=true", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"import answered {(int)response.StatusCode}: {body}");
        Assert.Equal(0, JsonDocument.Parse(body).RootElement.GetProperty("errors").GetArrayLength());
    }

    /// <summary>An exe app that runs samples/scripts/echo-exe.js (many instances allowed), as JSON.</summary>
    public static string EchoApp(string name) => JsonSerializer.Serialize(new
    {
        name,
        title = name,
        type = "exe",
        allowMultiple = true,
        details = new { path = "samples/scripts", command = "node", parameters = "echo-exe.js --interval 1000" },
    });

    /// <summary>Removes an in-memory app, if it is there.</summary>
    public async Task RemoveAppAsync(string name) => (await Host.Client.DeleteAsync($"/api/apps/{Uri.EscapeDataString(name)}")).Dispose();

    /// <summary>Starts an instance through the API; returns its id.</summary>
    public async Task<string> StartAsync(string app)
    {
        using var response = await Host.Client.PostAsJsonAsync("/api/instances", new { app });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"start answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Stops every running instance of an app through the API.</summary>
    public async Task StopAllAsync(string app)
    {
        var instances = await Host.Client.GetFromJsonAsync<JsonElement>($"/api/instances?app={Uri.EscapeDataString(app)}");
        foreach (var instance in instances.EnumerateArray())
        {
            (await Host.Client.PostAsync($"/api/instances/{instance.GetProperty("id").GetString()}/stop", null)).Dispose();
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _host?.Dispose();
        _folder.Dispose();
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
