namespace IoActors.Platform.Instances.Windows;

/// <summary>The windows of a window host that opens none (the HTTP-GET host, a host's own <see cref="IWindowHost"/>).</summary>
internal sealed class NoPlatformWindows : IPlatformWindows
{
    public static readonly NoPlatformWindows Instance = new();

    private NoPlatformWindows()
    {
    }

    public event Action<PlatformWindowEvent>? Changed
    {
        add { }
        remove { }
    }

    public IReadOnlyList<IPlatformWindow> List() => [];

    public IPlatformWindow? Find(string id) => null;
}
