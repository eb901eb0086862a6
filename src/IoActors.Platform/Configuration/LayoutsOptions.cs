using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>Layouts (<c>ioactors.layouts</c>): how many saved layouts the platform keeps, and how large each may be.</summary>
public sealed class LayoutsOptions
{
    /// <summary>The most layouts saved (all types together); a save or import past it is refused. The default is 1000.</summary>
    public int MaxCount { get; set; } = 1000;

    /// <summary>The largest one layout may be, as JSON; a save, import or metadata change past it is refused. The default is 1 MiB.</summary>
    public HoconByteSize MaxBytes { get; set; } = HoconByteSize.Parse("1MiB");
}
