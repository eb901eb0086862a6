using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>Notifications (<c>ioactors.notifications</c>): how many raised notifications the platform keeps.</summary>
public sealed class NotificationsOptions
{
    /// <summary>The most notifications kept; raising one more drops (closes) the oldest. The default is 500.</summary>
    public int MaxCount { get; set; } = 500;

    /// <summary>The most bytes (UTF-8 JSON) the kept notifications may take together; the oldest are dropped past it. The default is 4 MiB.</summary>
    public HoconByteSize MaxBytes { get; set; } = HoconByteSize.Parse("4MiB");
}
