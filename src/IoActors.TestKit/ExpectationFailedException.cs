using Xunit.Sdk;

namespace IoActors.TestKit;

/// <summary>
/// Thrown by a TestKit expectation that was not met: it says what was expected, how long the TestKit waited
/// and what arrived instead. It derives from xunit's <see cref="XunitException"/>, so xunit reports it as a
/// test failure.
/// </summary>
public sealed class ExpectationFailedException : XunitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="expectation">What was expected, e.g. "ExpectMsg&lt;Pong&gt;".</param>
    /// <param name="waited">How long the TestKit waited, in real time.</param>
    /// <param name="received">What arrived while waiting (possibly nothing).</param>
    /// <param name="message">The complete failure message.</param>
    /// <param name="innerException">The last failure of an assertion, for AwaitAssert.</param>
    public ExpectationFailedException(string expectation, TimeSpan waited, IReadOnlyList<MessageEnvelope> received, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Expectation = expectation;
        Waited = waited;
        Received = received;
    }

    /// <summary>What was expected.</summary>
    public string Expectation { get; }

    /// <summary>How long the TestKit waited, in real time.</summary>
    public TimeSpan Waited { get; }

    /// <summary>The messages that arrived while waiting and did not satisfy the expectation.</summary>
    public IReadOnlyList<MessageEnvelope> Received { get; }
}
