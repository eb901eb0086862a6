namespace IoActors.Kernel;

/// <summary>Implemented by actors that use timers. The kernel sets <see cref="Timers"/> before <c>PreStart</c>.</summary>
public interface IWithTimers
{
    /// <summary>The actor's timer scheduler (set by the kernel).</summary>
    ITimerScheduler Timers { get; set; }
}
