using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>Graceful shutdown (<c>ioactors.shutdown</c>).</summary>
public sealed class ShutdownOptions
{
    /// <summary>The total time for a graceful shutdown before remaining instances are killed. The default is 60 s.</summary>
    public HoconDuration Budget { get; set; } = HoconDuration.Parse("60s");
}
