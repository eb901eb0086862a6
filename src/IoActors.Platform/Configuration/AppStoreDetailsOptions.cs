using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>The <c>details</c> of an app store: <c>path</c> for path stores, the rest for REST stores (<see cref="RemoteStoreOptions"/> holds the settings REST shares with io.Manager).</summary>
public sealed class AppStoreDetailsOptions : RemoteStoreOptions
{
    /// <summary>Path store: the folder of definition files (absolute, or relative to the configuration file's folder; %VARS% expand). The default is <see langword="null"/>.</summary>
    public string? Path { get; set; }

    /// <summary>REST store: the URL of the service returning <c>{ "applications": [...] }</c>. The default is <see langword="null"/>.</summary>
    public string? Url { get; set; }

    /// <summary>REST store: how often to poll for changes. The default is 60000 ms.</summary>
    public HoconDuration PollInterval { get; set; } = HoconDuration.FromMilliseconds(60000);

    /// <summary>REST store: authentication, <c>no-auth</c>, <c>negotiate</c> or <c>kerberos</c>. The default is <c>no-auth</c>.</summary>
    public string Auth { get; set; } = "no-auth";

    /// <summary>REST store: the HTTP proxy URL. The default is <see langword="null"/> (no proxy).</summary>
    public string? Proxy { get; set; }
}
