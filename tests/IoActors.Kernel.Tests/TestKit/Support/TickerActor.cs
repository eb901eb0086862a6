using IoActors.Kernel;

namespace IoActors.Kernel.Tests.TestKit.Support;

/// <summary>On <see cref="StartTicking"/>, starts a single timer that sends <see cref="Tick"/> to the requester after the delay.</summary>
public sealed class TickerActor : UntypedActor, IWithTimers
{
    private IActorRef? _requester;

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case StartTicking start:
                _requester = Sender;
                Timers.StartSingleTimer("tick", Tick.Instance, start.Delay);
                break;
            case Tick:
                _requester?.Tell(Tick.Instance, Self);
                break;
        }
    }

    public sealed record StartTicking(TimeSpan Delay);

    public sealed class Tick
    {
        public static readonly Tick Instance = new();

        public override string ToString() => "Tick";
    }
}
