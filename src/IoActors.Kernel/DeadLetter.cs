namespace IoActors.Kernel;

/// <summary>Published on the event stream for every message that could not be delivered.</summary>
/// <param name="Message">The undelivered message.</param>
/// <param name="Sender">Who sent it (the dead-letters reference when there was no sender).</param>
/// <param name="Recipient">Where it was sent.</param>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient);
