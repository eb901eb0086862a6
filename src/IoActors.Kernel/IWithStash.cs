namespace IoActors.Kernel;

/// <summary>
/// Implemented by actors that stash. The kernel sets <see cref="Stash"/> before <c>PreStart</c>. Stashed
/// messages survive a restart (they are put back in the mailbox) and become dead letters when the actor stops.
/// </summary>
public interface IWithStash
{
    /// <summary>The actor's stash (set by the kernel).</summary>
    IStash Stash { get; set; }
}
