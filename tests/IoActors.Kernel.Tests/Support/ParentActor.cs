using IoActors.Kernel;

namespace IoActors.Kernel.Tests.Support;

/// <summary>
/// Creates the given children in PreStart and reports them to the probe as <see cref="ChildrenCreated"/>;
/// supervises them with the strategy of its props; <see cref="CreateChild"/> creates one more and replies with its ref.
/// </summary>
public sealed class ParentActor : ReceiveActor
{
    private readonly IActorRef _probe;
    private readonly (Props Props, string Name)[] _children;

    public ParentActor(IActorRef probe, params (Props Props, string Name)[] children)
    {
        _probe = probe;
        _children = children;
        Receive<CreateChild>(c => Sender.Tell(Context.ActorOf(c.Props, c.Name), Self));
        Receive<string>(s => s == "children", _ => Sender.Tell(Context.Children.Select(c => c.Path.Name).OrderBy(n => n).ToArray(), Self));
        Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("parent boom"));
        Receive<FindChild>(f => Sender.Tell(Context.Child(f.Name), Self));
    }

    protected override void PreStart()
    {
        var created = _children.Select(c => Context.ActorOf(c.Props, c.Name)).ToArray();
        _probe.Tell(new ChildrenCreated(created), Self);
    }
}

/// <summary>The children a <see cref="ParentActor"/> created in PreStart.</summary>
public sealed record ChildrenCreated(IActorRef[] Children);

/// <summary>Asks a <see cref="ParentActor"/> for <c>Context.Child(name)</c>.</summary>
public sealed record FindChild(string Name);

/// <summary>Asks a <see cref="ParentActor"/> to create a child.</summary>
public sealed record CreateChild(Props Props, string? Name);
