using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>App preferences (<c>ioactors.preferences</c>): what <c>io.prefs</c> keeps per user and app.</summary>
public sealed class PreferencesOptions
{
    /// <summary>
    /// The largest preferences one app may hold for one user, as UTF-8 JSON; a change that would exceed it is refused,
    /// naming the app and the size. The default is 256 KiB.
    /// </summary>
    public HoconByteSize MaxBytesPerApp { get; set; } = HoconByteSize.Parse("256KiB");
}
