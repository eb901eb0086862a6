using IoActors.Kernel;

namespace IoActors.Kernel.Tests.Support;

/// <summary>
/// Starts and cancels timers on command and forwards timer messages to a probe. Commands reply "done" once applied.
/// "block" replies "blocked" and waits for the gate, then applies the command it carries (so timer messages can
/// pile up in the mailbox meanwhile).
/// </summary>
public sealed class TimerActor : ReceiveActor, IWithTimers
{
    private readonly IActorRef _probe;

    public TimerActor(IActorRef probe)
    {
        _probe = probe;
        Receive<TimerCommand>(c =>
        {
            Apply(c);
            Sender.Tell("done", Self);
        });
        Receive<BlockThen>(b =>
        {
            Sender.Tell("blocked", Self);
            b.Gate.Wait();
            Apply(b.Command);
            Sender.Tell("done", Self);
        });
        Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("timer actor failure"));
        Receive<string>(s => s == "active?", _ => Sender.Tell(Timers.IsTimerActive("k"), Self));
        ReceiveAny(m => _probe.Tell(m, Self));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => _probe.Tell("started", Self);

    private void Apply(TimerCommand command)
    {
        switch (command)
        {
            case StartSingle s:
                Timers.StartSingleTimer(s.Key, s.Message, s.Delay);
                break;
            case StartPeriodic p:
                Timers.StartPeriodicTimer(p.Key, p.Message, p.Interval);
                break;
            case CancelTimer c:
                Timers.Cancel(c.Key);
                break;
            case CancelAllTimers:
                Timers.CancelAll();
                break;
        }
    }
}

public abstract record TimerCommand;

public sealed record StartSingle(string Key, object Message, TimeSpan Delay) : TimerCommand;

public sealed record StartPeriodic(string Key, object Message, TimeSpan Interval) : TimerCommand;

public sealed record CancelTimer(string Key) : TimerCommand;

public sealed record CancelAllTimers : TimerCommand;

public sealed record BlockThen(ManualResetEventSlim Gate, TimerCommand Command);
