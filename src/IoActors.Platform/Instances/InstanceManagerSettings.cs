using IoActors.Apps.Definitions;

namespace IoActors.Platform.Instances;

/// <summary>
/// What the instance manager needs from the platform configuration (mapped from <c>PlatformOptions</c> by the composition
/// root: <c>nodePath</c>, <c>applications.titleFormat</c>, <c>closeRunningInstancesOnAppRemoved</c>,
/// <c>ioactors.instances.*</c>). Validated once by <see cref="Validate"/>.
/// </summary>
public sealed record InstanceManagerSettings
{
    /// <summary>The Node.js executable, or the folder holding <c>node</c>; <c>node-&lt;version&gt;</c> files for <c>nodeVersion</c> live in that folder. The default is <c>node</c> (looked up on PATH).</summary>
    public string NodePath { get; init; } = "node";

    /// <summary>The folder <c>%GDDIR%</c> expands to. The default is the application base directory.</summary>
    public string PlatformDirectory { get; init; } = AppContext.BaseDirectory;

    /// <summary>The folder under which archived apps are unpacked (<c>&lt;folder&gt;/&lt;app-name&gt;</c>, <c>$ASSET_LOCATION$</c>). The default is <c>remoteApps</c> under the temp folder's <c>ioactors</c> folder.</summary>
    public string RemoteAppsFolder { get; init; } = Path.Combine(Path.GetTempPath(), "ioactors", "remoteApps");

    /// <summary>The folder remote node scripts are downloaded to. The default is <c>remoteNode</c> under the temp folder's <c>ioactors</c> folder.</summary>
    public string CacheFolder { get; init; } = Path.Combine(Path.GetTempPath(), "ioactors", "remoteNode");

    /// <summary><c>applications.titleFormat</c>, with the macros <c>{title}</c> and <c>{instanceIndex}</c>. The default is <c>{title}</c>.</summary>
    public string TitleFormat { get; init; } = "{title}";

    /// <summary>Whether the instances of an app are stopped when the app is removed from the registry. The default is <see langword="false"/>.</summary>
    public bool CloseRunningInstancesOnAppRemoved { get; init; }

    /// <summary>The restart policy used where a definition has no (or a partial) <c>restartPolicy</c>. The default is <see cref="RestartPolicy.Default"/> (never).</summary>
    public RestartPolicy DefaultRestartPolicy { get; init; } = RestartPolicy.Default;

    /// <summary>How long a stopped process may take to exit after SIGTERM before its whole tree is killed. The default is 5 s.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The platform HTTP API base URL given to instances (<c>IOACTORS_API_URL</c>), or <see langword="null"/>. The default is <see langword="null"/>.</summary>
    public string? ApiUrl { get; init; }

    /// <summary>The API token given to instances (<c>IOACTORS_API_TOKEN</c>), or <see langword="null"/>. The default is <see langword="null"/>.</summary>
    public string? ApiToken { get; init; }

    /// <summary>
    /// Extra properties merged into an instance's <c>_GD_STARTING_CONTEXT_</c> (e.g. the gateway URL and token an
    /// io.Connect client library needs); called once per start. The default is <see langword="null"/>: none.
    /// </summary>
    public Func<InstanceInfo, System.Text.Json.Nodes.JsonObject?>? StartingContextExtension { get; init; }

    /// <summary>Hosts window-like apps (window, workspaces, webGroup, childWindow). The default is <see langword="null"/>: the headless host that loads the URL.</summary>
    public IWindowHost? WindowHost { get; init; }

    /// <summary>Launchers replacing the built-in one for an app type (tests, benchmarks, other hosts). The default is none.</summary>
    public IReadOnlyDictionary<AppType, IInstanceLauncher> Launchers { get; init; } = new Dictionary<AppType, IInstanceLauncher>();

    /// <summary>Creates the HTTP client used for downloads and the headless window host. The default is <see langword="null"/>: a shared <see cref="HttpClient"/>.</summary>
    public Func<HttpClient>? HttpClientFactory { get; init; }

    /// <summary>
    /// The clock of instance timestamps, restart windows and download and reload timeouts (the restart delays and the stop
    /// grace period are actor timers on Akka's scheduler). The default is <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Checks every setting, reporting every problem at once.</summary>
    /// <exception cref="ArgumentException">Some setting is invalid; the message names each field, value and rule.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(NodePath))
        {
            problems.Add("NodePath: must not be empty");
        }

        if (string.IsNullOrWhiteSpace(RemoteAppsFolder))
        {
            problems.Add("RemoteAppsFolder: must not be empty");
        }

        if (string.IsNullOrWhiteSpace(CacheFolder))
        {
            problems.Add("CacheFolder: must not be empty");
        }

        if (StopGracePeriod < TimeSpan.Zero)
        {
            problems.Add($"StopGracePeriod: {StopGracePeriod} must not be negative");
        }

        if (DefaultRestartPolicy.MaxRestarts < 0)
        {
            problems.Add($"DefaultRestartPolicy.MaxRestarts: {DefaultRestartPolicy.MaxRestarts} must not be negative");
        }

        if (DefaultRestartPolicy.Within <= TimeSpan.Zero)
        {
            problems.Add($"DefaultRestartPolicy.Within: {DefaultRestartPolicy.Within} must be positive");
        }

        if (DefaultRestartPolicy.Backoff < TimeSpan.Zero || DefaultRestartPolicy.MaxBackoff < DefaultRestartPolicy.Backoff)
        {
            problems.Add($"DefaultRestartPolicy.Backoff/MaxBackoff: {DefaultRestartPolicy.Backoff}/{DefaultRestartPolicy.MaxBackoff} must satisfy 0 <= Backoff <= MaxBackoff");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid instance settings: " + string.Join("; ", problems));
        }
    }
}
