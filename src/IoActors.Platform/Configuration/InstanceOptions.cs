using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>Instance defaults (<c>ioactors.instances</c>).</summary>
public sealed class InstanceOptions
{
    /// <summary>The default restart policy. The default is mode never, 5 restarts within 60 s, backoff 1 s to 30 s.</summary>
    public RestartPolicyOptions RestartPolicy { get; set; } = new();

    /// <summary>How long an instance may take to exit after a stop request before it is killed. The default is 5 s.</summary>
    public HoconDuration StopGracePeriod { get; set; } = HoconDuration.Parse("5s");
}
