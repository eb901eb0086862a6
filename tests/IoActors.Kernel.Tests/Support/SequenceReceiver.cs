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

/// <summary>On "go", sends its numbered messages to every target, interleaving targets.</summary>
public sealed class SequenceSender : UntypedActor
{
    private readonly int _id;
    private readonly int _count;
    private readonly IActorRef[] _targets;

    public SequenceSender(int id, int count, IActorRef[] targets)
    {
        _id = id;
        _count = count;
        _targets = targets;
    }

    protected override void OnReceive(object message)
    {
        for (var i = 0; i < _count; i++)
        {
            foreach (var target in _targets)
            {
                target.Tell(new Sequenced(_id, i));
            }
        }
    }
}
