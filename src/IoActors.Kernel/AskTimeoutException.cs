namespace IoActors.Kernel;

/// <summary>An <c>Ask</c> (or <c>GracefulStop</c>) got no answer within its timeout.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="recipient">The actor that was asked.</param>
    /// <param name="timeout">The timeout that elapsed.</param>
    /// <param name="message">A description of what timed out.</param>
    public AskTimeoutException(IActorRef recipient, TimeSpan timeout, string message)
        : base(message)
    {
        Recipient = recipient;
        Timeout = timeout;
    }

    /// <summary>The actor that was asked.</summary>
    public IActorRef Recipient { get; }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }
}
