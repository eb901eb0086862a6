namespace IoActors.Kernel.Internal;

/// <summary>Marks messages the actor cell handles itself before the actor's behavior sees them.</summary>
internal interface IAutoReceivedMessage;
