namespace IoActors.Kernel;

/// <summary>What a supervisor does with a failed child.</summary>
public enum Directive
{
    /// <summary>Keep the actor and its state; the failing message is dropped.</summary>
    Resume,

    /// <summary>Replace the actor instance with a fresh one; the mailbox and the <see cref="IActorRef"/> stay.</summary>
    Restart,

    /// <summary>Stop the actor.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, so its own supervisor decides.</summary>
    Escalate,
}
