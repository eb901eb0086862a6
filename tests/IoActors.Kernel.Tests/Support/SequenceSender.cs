using IoActors.Kernel;

namespace IoActors.Kernel.Tests.Support;

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
