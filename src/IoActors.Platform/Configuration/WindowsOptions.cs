namespace IoActors.Platform.Configuration;

/// <summary>The window host of <c>window</c> apps (<c>ioactors.windows</c>).</summary>
public sealed class WindowsOptions
{
    /// <summary>The values <see cref="Host"/> accepts.</summary>
    internal static readonly IReadOnlyList<string> KnownHosts = ["chromium", "http-get"];

    /// <summary>The values <see cref="Headless"/> accepts.</summary>
    internal static readonly IReadOnlyList<string> KnownHeadless = ["auto", "on", "off"];

    /// <summary>
    /// <c>chromium</c>: each window is a page of the system Chromium, Chrome or Edge driven over the DevTools protocol;
    /// <c>http-get</c>: a window is "open" once an HTTP GET of its URL succeeds (machines without a browser). The default is <c>chromium</c>.
    /// </summary>
    public string Host { get; set; } = "chromium";

    /// <summary>The browser executable; empty: <c>IOACTORS_CHROMIUM</c>, else chromium, chromium-browser, google-chrome(-stable) or microsoft-edge on PATH. The default is empty.</summary>
    public string BrowserPath { get; set; } = string.Empty;

    /// <summary><c>auto</c> (headless without DISPLAY/WAYLAND_DISPLAY), <c>on</c> or <c>off</c>. The default is <c>auto</c>.</summary>
    public string Headless { get; set; } = "auto";
}
