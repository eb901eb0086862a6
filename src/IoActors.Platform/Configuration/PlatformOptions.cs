using IoActors.Hocon;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IoActors.Platform.Configuration;

/// <summary>
/// The platform configuration, bound from the configuration root with the standard binder. Root keys are io.Connect
/// system.json's (so a system.json binds unchanged); the platform's own settings are under <c>ioactors</c>.
/// hocon/reference.conf documents every key and its default. Call <see cref="Validate"/> once at start.
/// </summary>
public sealed class PlatformOptions
{
    /// <summary>The user app stores, in order. The default is none.</summary>
    public List<AppStoreOptions> AppStores { get; set; } = [];

    /// <summary>The system app stores (path or rest) whose apps start in the core stage. The default is none.</summary>
    public List<AppStoreOptions> SystemAppStores { get; set; } = [];

    /// <summary>How long the boot waits for the required stores' first definitions. The default is 120000 ms.</summary>
    public HoconDuration AppStoresTimeout { get; set; } = HoconDuration.FromMilliseconds(120000);

    /// <summary>Whether running instances are closed when their app is removed from its store. The default is <see langword="false"/>.</summary>
    public bool CloseRunningInstancesOnAppRemoved { get; set; }

    /// <summary>The folder of the default Node.js executable; <see langword="null"/> means <c>node</c> on the PATH. The default is <see langword="null"/>.</summary>
    public string? NodePath { get; set; }

    /// <summary>The io.Manager connection. The default is disabled.</summary>
    public ServerOptions Server { get; set; } = new();

    /// <summary>Crash reports of instances that end on their own with a failure (<c>crashReporter</c>). The default sends none.</summary>
    public CrashReporterOptions CrashReporter { get; set; } = new();

    /// <summary>
    /// The environment this platform runs in (<c>env</c> in system.json), told to io.Manager when the session opens;
    /// <see langword="null"/> sends <c>default</c>. The default is <see langword="null"/>.
    /// </summary>
    public string? Env { get; set; }

    /// <summary>
    /// The region this platform runs in (<c>region</c> in system.json), told to io.Manager when the session opens;
    /// <see langword="null"/> sends <c>default</c>. The default is <see langword="null"/>.
    /// </summary>
    public string? Region { get; set; }

    /// <summary>Settings for all apps. The default title format is <c>{title}</c>.</summary>
    public ApplicationsOptions Applications { get; set; } = new();

    /// <summary>The io.Connect Channels (<c>channels</c>). The default is enabled, with the definitions of hocon/reference.conf.</summary>
    public ChannelsOptions Channels { get; set; } = new();

    /// <summary>The io.Connect gateway (<c>gw</c>). The default is enabled, served by the HTTP API's listener at <c>/gw</c>.</summary>
    public GatewayOptions Gw { get; set; } = new();

    /// <summary>The platform's own settings (<c>ioactors</c>). The default is the values in hocon/reference.conf.</summary>
    public IoActorsOptions IoActors { get; set; } = new();

    /// <summary>
    /// The configuration's <c>akka</c> section (dispatchers, logging, later cluster settings), handed to the platform's
    /// actor system over IoActors' defaults; <see langword="null"/> when there is none. Its keys are Akka's: they are not
    /// bound nor checked here.
    /// </summary>
    public IConfigurationSection? Akka { get; set; }

    /// <summary>
    /// The folder relative paths resolve against (store paths, cache folders, data folder, log file): the folder of the
    /// main configuration file. Not a configuration key. The default is the current directory.
    /// </summary>
    public string ConfigFolder { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>
    /// Binds the options from a configuration root (e.g. one built with AddHoconFile, then environment variables and
    /// arguments). Each section is bound on its own so that every value of the wrong type is reported, not just the first
    /// (the standard binder would stop at the first, or silently skip a store element it cannot bind).
    /// </summary>
    /// <param name="configuration">The configuration root.</param>
    /// <param name="configFolder">The folder of the main configuration file; relative paths resolve against it. Null means the current directory.</param>
    /// <returns>The bound options (not yet validated).</returns>
    /// <exception cref="OptionsValidationException">Values cannot be converted to their settings' types; each failure names the key and value.</exception>
    public static PlatformOptions Bind(IConfiguration configuration, string? configFolder = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new PlatformOptions();
        if (configFolder is not null)
        {
            options.ConfigFolder = Path.GetFullPath(configFolder);
        }

        var errors = new List<string>();
        void Try(Action bind)
        {
            try
            {
                bind();
            }
            catch (InvalidOperationException ex)
            {
                errors.Add(PlatformOptionsValidator.DescribeBindingError(configuration, ex));
            }
        }

        options.AppStores = BindStores(configuration.GetSection("appStores"), Try);
        options.SystemAppStores = BindStores(configuration.GetSection("systemAppStores"), Try);
        Try(() => options.AppStoresTimeout = configuration.GetValue("appStoresTimeout", options.AppStoresTimeout));
        Try(() => options.CloseRunningInstancesOnAppRemoved = configuration.GetValue("closeRunningInstancesOnAppRemoved", options.CloseRunningInstancesOnAppRemoved));
        Try(() => options.NodePath = configuration.GetValue("nodePath", options.NodePath));
        Try(() => configuration.GetSection("server").Bind(options.Server));
        Try(() => configuration.GetSection("crashReporter").Bind(options.CrashReporter));
        Try(() => options.Env = configuration.GetValue("env", options.Env));
        Try(() => options.Region = configuration.GetValue("region", options.Region));
        Try(() => configuration.GetSection("applications").Bind(options.Applications));
        Try(() => configuration.GetSection("gw").Bind(options.Gw));
        Try(() => configuration.GetSection("channels").Bind(options.Channels));
        var own = configuration.GetSection("ioactors");
        var ioActors = options.IoActors;
        Try(() => ioActors.DataFolder = own.GetValue("dataFolder", ioActors.DataFolder)!);
        Try(() => own.GetSection("boot").Bind(ioActors.Boot));
        Try(() => own.GetSection("shutdown").Bind(ioActors.Shutdown));
        Try(() => own.GetSection("instances").Bind(ioActors.Instances));
        Try(() => own.GetSection("intents").Bind(ioActors.Intents));
        Try(() => own.GetSection("api").Bind(ioActors.Api));
        Try(() => own.GetSection("persistence").Bind(ioActors.Persistence));
        Try(() => own.GetSection("inMemoryStore").Bind(ioActors.InMemoryStore));
        Try(() => own.GetSection("preferences").Bind(ioActors.Preferences));
        Try(() => own.GetSection("notifications").Bind(ioActors.Notifications));
        Try(() => own.GetSection("layouts").Bind(ioActors.Layouts));
        Try(() => own.GetSection("logging").Bind(ioActors.Logging));
        var akka = configuration.GetSection("akka");
        options.Akka = akka.Exists() ? akka : null;
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(nameof(PlatformOptions), typeof(PlatformOptions), errors);
        }

        return options;
    }

    private static List<AppStoreOptions> BindStores(IConfigurationSection section, Action<Action> bind)
    {
        var stores = new List<AppStoreOptions>();
        foreach (var child in section.GetChildren())
        {
            var store = new AppStoreOptions { HasDetails = child.GetSection("details").Exists() };
            bind(() => child.Bind(store));
            stores.Add(store);
        }

        return stores;
    }

    /// <summary>Checks every setting and returns every problem, each naming key, value and rule (e.g. <c>appStoresTimeout: -5 must be &gt; 0</c>).</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> GetValidationErrors() => PlatformOptionsValidator.Check(this);

    /// <summary>Checks every setting and throws if any is invalid, listing all problems at once.</summary>
    /// <exception cref="OptionsValidationException">Some settings are invalid; <see cref="OptionsValidationException.Failures"/> lists each.</exception>
    public void Validate()
    {
        var errors = GetValidationErrors();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(nameof(PlatformOptions), typeof(PlatformOptions), errors);
        }
    }

    /// <summary>Resolves a configured path: expands %VARIABLES% and makes a relative path relative to <see cref="ConfigFolder"/>.</summary>
    /// <param name="path">The path as configured.</param>
    /// <returns>The absolute path.</returns>
    public string ResolvePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var expanded = Environment.ExpandEnvironmentVariables(path);
        return Path.GetFullPath(Path.IsPathRooted(expanded) ? expanded : Path.Combine(ConfigFolder, expanded));
    }
}
