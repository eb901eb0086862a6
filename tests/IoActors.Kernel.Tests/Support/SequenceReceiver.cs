using System.Collections.Concurrent;
using IoActors.Kernel;

namespace IoActors.Kernel.Tests.Support;

/// <summary>One numbered message of a sender.</summary>
public sealed record Sequenced(int Sender, int Number);

/// <summary>Checks that every sender's numbers arrive gap-free and in order; signals a countdown per message.</summary>
public sealed class SequenceReceiver : UntypedActor
{
    private readonly Dictionary<int, int> _next = [];
    private readonly ConcurrentQueue<string> _violations;
    private readonly CountdownEvent _received;

    public SequenceReceiver(ConcurrentQueue<string> violations, CountdownEvent received)
    {
        _violations = violations;
        _received = received;
    }

    protected override void OnReceive(object message)
    {
        if (message is Sequenced s)
        {
            var expected = _next.GetValueOrDefault(s.Sender);
            if (s.Number != expected)
            {
                _violations.Enqueue($"{Self.Path.Name}: sender {s.Sender} sent {s.Number}, expected {expected}");
            }

            _next[s.Sender] = s.Number + 1;
            _received.Signal();
        }
    }
}
