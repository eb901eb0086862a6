using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>The default restart policy of process instances (<c>ioactors.instances.restartPolicy</c>); definitions may override it.</summary>
public sealed class RestartPolicyOptions
{
    /// <summary>The accepted modes.</summary>
    public static IReadOnlyList<string> KnownModes { get; } = ["never", "on-failure", "always"];

    /// <summary>When to restart: <c>never</c>, <c>on-failure</c> or <c>always</c>. The default is <c>never</c>.</summary>
    public string Mode { get; set; } = "never";

    /// <summary>Restarts allowed within <see cref="WithinMs"/> before giving up. The default is 5.</summary>
    public int MaxRestarts { get; set; } = 5;

    /// <summary>The window in which restarts are counted. The default is 60000 ms.</summary>
    public HoconDuration WithinMs { get; set; } = HoconDuration.FromMilliseconds(60000);

    /// <summary>The first restart's delay; it doubles per restart. The default is 1000 ms.</summary>
    public HoconDuration BackoffMs { get; set; } = HoconDuration.FromMilliseconds(1000);

    /// <summary>The largest restart delay. The default is 30000 ms.</summary>
    public HoconDuration MaxBackoffMs { get; set; } = HoconDuration.FromMilliseconds(30000);
}
