namespace IoActors.Kernel;

/// <summary>Sets messages aside to process them later (injected into actors implementing <see cref="IWithStash"/>).</summary>
public interface IStash
{
    /// <summary>The number of stashed messages.</summary>
    int Count { get; }

    /// <summary>Stashes the message being processed (with its sender).</summary>
    /// <exception cref="InvalidOperationException">The same message is stashed twice, or there is no current message.</exception>
    void Stash();

    /// <summary>Puts the oldest stashed message back at the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts all stashed messages back at the front of the mailbox, in their original order.</summary>
    void UnstashAll();

    /// <summary>Discards all stashed messages.</summary>
    void ClearStash();
}
