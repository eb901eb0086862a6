using IoActors.Kernel;

namespace IoActors.TestKit;

/// <summary>A message received by a test actor or probe, with the actor that sent it.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">The sender; the system's dead letters when the message was sent without a sender.</param>
public sealed record MessageEnvelope(object Message, IActorRef Sender)
{
    /// <summary>Describes the message and its sender, for failure messages.</summary>
    public override string ToString() => $"{MessageFormatter.Describe(Message)} from {Sender.Path}";
}
