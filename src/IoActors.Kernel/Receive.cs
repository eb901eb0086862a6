namespace IoActors.Kernel;

/// <summary>A behavior: handles a message and says whether it did.</summary>
/// <param name="message">The message.</param>
/// <returns><see langword="true"/> when handled; otherwise the actor's <c>Unhandled</c> runs.</returns>
public delegate bool Receive(object message);
