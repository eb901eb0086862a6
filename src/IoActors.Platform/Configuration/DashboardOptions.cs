using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>The web dashboard the host serves at <c>/</c> on the API's address (<c>ioactors.api.dashboard</c>).</summary>
public sealed class DashboardOptions
{
    /// <summary>Whether the host serves the dashboard and accepts its session cookie on the API. The default is true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a dashboard session lasts without a request before it must sign in again. The default is 12 h.</summary>
    public HoconDuration SessionIdleTimeout { get; set; } = HoconDuration.Parse("12h");

    /// <summary>How many dashboard sessions are kept at once; signing in past it ends the least recently used one. The default is 64.</summary>
    public int MaxSessions { get; set; } = 64;

    /// <summary>How long a one-time sign-in link (<c>ioactors dashboard</c>) stays valid. The default is 2 min.</summary>
    public HoconDuration LinkTimeout { get; set; } = HoconDuration.Parse("2m");

    /// <summary>
    /// A folder to serve the dashboard's files from instead of the ones built into the host, for working on them; null
    /// (the default) serves the built-in files.
    /// </summary>
    public string? Folder { get; set; }
}
