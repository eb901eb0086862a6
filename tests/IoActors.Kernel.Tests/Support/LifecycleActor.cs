using IoActors.Kernel;

namespace IoActors.Kernel.Tests.Support;

/// <summary>
/// Reports its lifecycle to a probe and keeps a counter: an int adds to it, "state" replies with it,
/// "fail" throws InvalidOperationException("boom"), other strings are echoed.
/// </summary>
public sealed class LifecycleActor : ReceiveActor
{
    private readonly IActorRef _probe;
    private int _state;

    public LifecycleActor(IActorRef probe, bool failOnStart = false)
    {
        _probe = probe;
        FailOnStart = failOnStart;
        Receive<int>(n => _state += n);
        Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("boom"));
        Receive<string>(s => s == "state", _ => Sender.Tell(_state, Self));
        Receive<string>(s => Sender.Tell(s, Self));
    }

    private bool FailOnStart { get; }

    protected override void PreStart()
    {
        Report("prestart");
        if (FailOnStart)
        {
            throw new InvalidOperationException("start failed");
        }
    }

    protected override void PostStop() => Report("poststop");

    protected override void PreRestart(Exception reason, object? message)
    {
        Report($"prerestart:{reason.Message}:{message}");
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        Report($"postrestart:{reason.Message}");
        base.PostRestart(reason);
    }

    private void Report(string @event) => _probe.Tell(new LifecycleEvent(Self.Path.Name, @event), Self);
}
