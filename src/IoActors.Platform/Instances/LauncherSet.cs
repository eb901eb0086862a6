using IoActors.Apps.Definitions;

namespace IoActors.Platform.Instances;

/// <summary>The launcher per app type: the settings' replacements over the built-in ones.</summary>
internal sealed class LauncherSet
{
    private readonly Dictionary<AppType, IInstanceLauncher> _launchers = [];
    private readonly IInstanceLauncher _unsupported = new UnsupportedLauncher();

    public LauncherSet(InstanceManagerSettings settings, TimeProvider timeProvider)
    {
        var downloader = new Downloader(settings.HttpClientFactory);
        Downloader = downloader;
        Assets = new AssetInstaller(downloader, settings.RemoteAppsFolder);
        var windows = new WindowLauncher(settings.WindowHost ?? new HeadlessWindowHost(settings.HttpClientFactory ?? (() => SharedHttp.Value), timeProvider));
        _launchers[AppType.Exe] = new ProcessLauncher();
        _launchers[AppType.Node] = new NodeLauncher(settings.NodePath, settings.CacheFolder, downloader);
        _launchers[AppType.Window] = windows;
        _launchers[AppType.Workspaces] = windows;
        _launchers[AppType.WebGroup] = windows;
        _launchers[AppType.ChildWindow] = windows;
        foreach (var (type, launcher) in settings.Launchers)
        {
            _launchers[type] = launcher;
        }
    }

    public Downloader Downloader { get; }

    public AssetInstaller Assets { get; }

    public IInstanceLauncher For(AppType type) => _launchers.TryGetValue(type, out var launcher) ? launcher : _unsupported;

    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient { Timeout = TimeSpan.FromSeconds(30) });
}
