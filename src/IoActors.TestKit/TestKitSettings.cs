namespace IoActors.TestKit;

/// <summary>The resolved timing settings a TestKit shares with its probes.</summary>
/// <param name="TimeFactor">The factor every timeout is multiplied by.</param>
/// <param name="DefaultTimeout">The undilated default expectation timeout.</param>
/// <param name="ExpectNoMessageDefault">The undilated default duration of ExpectNoMsg.</param>
internal sealed record TestKitSettings(double TimeFactor, TimeSpan DefaultTimeout, TimeSpan ExpectNoMessageDefault)
{
    /// <summary><paramref name="duration"/> multiplied by the time factor (infinite stays infinite).</summary>
    public TimeSpan Dilated(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan || duration <= TimeSpan.Zero || TimeFactor == 1.0
            ? duration
            : TimeSpan.FromTicks(checked((long)(duration.Ticks * TimeFactor)));
}
