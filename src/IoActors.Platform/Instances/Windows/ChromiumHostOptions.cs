namespace IoActors.Platform.Instances.Windows;

/// <summary>Whether the Chromium window host runs the browser headless.</summary>
internal enum HeadlessMode
{
    /// <summary>Headless when there is no display (neither <c>DISPLAY</c> nor <c>WAYLAND_DISPLAY</c> is set on Linux).</summary>
    Auto,

    /// <summary>Always headless.</summary>
    On,

    /// <summary>Always with windows.</summary>
    Off,
}

/// <summary>How the Chromium window host finds and runs the browser (<c>ioactors.windows</c>).</summary>
/// <param name="BrowserPath">The browser executable; <see langword="null"/> or empty: looked up (<see cref="ChromiumLocator"/>).</param>
/// <param name="Headless">Headless or not.</param>
internal sealed record ChromiumHostOptions(string? BrowserPath = null, HeadlessMode Headless = HeadlessMode.Auto)
{
    /// <summary>Whether the browser runs headless under these options on this machine.</summary>
    public bool RunsHeadless => Headless switch
    {
        HeadlessMode.On => true,
        HeadlessMode.Off => false,
        _ => OperatingSystem.IsLinux()
             && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
             && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")),
    };
}
