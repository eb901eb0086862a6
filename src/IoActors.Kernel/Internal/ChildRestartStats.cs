namespace IoActors.Kernel.Internal;

/// <summary>Restart counting for one child, owned and touched only by its parent.</summary>
internal sealed class ChildRestartStats
{
    /// <summary>Restarts counted in the current window (or in total without a window).</summary>
    public int Count;

    /// <summary>TimeProvider timestamp at which the current window started.</summary>
    public long WindowStart;
}
