namespace IoActors.Platform.Configuration;

/// <summary>The platform's own settings (the <c>ioactors { ... }</c> block).</summary>
public sealed class IoActorsOptions
{
    /// <summary>The folder for the database, logs and caches (relative to the configuration file's folder). The default is <c>data</c>.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>The staged boot. The default is 30 s per group, all four stages.</summary>
    public BootOptions Boot { get; set; } = new();

    /// <summary>Graceful shutdown. The default is a 60 s budget.</summary>
    public ShutdownOptions Shutdown { get; set; } = new();

    /// <summary>Instance defaults. The default is no restarts and a 5 s stop grace period.</summary>
    public InstanceOptions Instances { get; set; } = new();

    /// <summary>The window host of window apps. The default is the system Chromium, headless without a display.</summary>
    public WindowsOptions Windows { get; set; } = new();

    /// <summary>Intents. The default waits 30 s for a started handler's listener.</summary>
    public IntentsOptions Intents { get; set; } = new();

    /// <summary>The HTTP API. The default is 127.0.0.1:8386 without a token.</summary>
    public ApiOptions Api { get; set; } = new();

    /// <summary>The journal and snapshot store. The default is SQLite in the data folder.</summary>
    public PersistenceOptions Persistence { get; set; } = new();

    /// <summary>The in-memory store. The default is persisted.</summary>
    public InMemoryStoreOptions InMemoryStore { get; set; } = new();

    /// <summary>App preferences (<c>io.prefs</c>). The default is 256 KiB per app.</summary>
    public PreferencesOptions Preferences { get; set; } = new();

    /// <summary>Notifications (<c>io.notifications</c>). The default keeps 500 notifications, at most 4 MiB.</summary>
    public NotificationsOptions Notifications { get; set; } = new();

    /// <summary>Layouts (<c>io.layouts</c>). The default keeps 1000 layouts of at most 1 MiB each.</summary>
    public LayoutsOptions Layouts { get; set; } = new();

    /// <summary>Logging. The default is Information to data/logs/ioactors.log.</summary>
    public LoggingOptions Logging { get; set; } = new();
}
