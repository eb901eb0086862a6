using Akka.Actor;
using FluentAssertions;
using IoActors.Testing;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Apps.Tests.Testing;

/// <summary>The shared virtual time of the tests: Akka's TestScheduler and a FakeTimeProvider advanced together, the fake clock first.</summary>
public sealed class VirtualTimeTests(ITestOutputHelper output) : ActorTestKit(output)
{
    [Fact]
    public async Task Advance_TimerDue_FiresOnceAndTheHandlerReadsTheNewTime()
    {
        var start = Clock.GetUtcNow();
        var timer = Sys.ActorOf(Props.Create(() => new TimerActor(Clock.Provider, TestActor)));
        (await timer.Ask<string>("arm", TimeSpan.FromSeconds(10))).Should().Be("armed");

        Clock.Advance(TimeSpan.FromSeconds(4));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Clock.Advance(TimeSpan.FromSeconds(1));

        (await ExpectMsgAsync<DateTimeOffset>()).Should().Be(start + TimeSpan.FromSeconds(5), "the fake clock moves before the scheduler fires");
        Clock.Advance(TimeSpan.FromSeconds(10));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Advance_Negative_Throws()
    {
        var act = () => Clock.Advance(TimeSpan.FromSeconds(-1));
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task Attach_SystemOnTheDefaultScheduler_FailsNamingTheSetting()
    {
        var system = ActorSystem.Create("real-time");
        try
        {
            var attach = () => new VirtualTime(system);
            attach.Should().Throw<InvalidOperationException>().WithMessage("*real-time*VirtualTime.SchedulerConfig*");
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Arms a 5 s timer when asked; tells the probe the fake clock's time when it fires.</summary>
    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        public TimerActor(TimeProvider clock, IActorRef probe)
        {
            Receive<string>(m => m == "arm", _ =>
            {
                Timers.StartSingleTimer("t", "fire", TimeSpan.FromSeconds(5));
                Sender.Tell("armed");
            });
            Receive<string>(m => m == "fire", _ => probe.Tell(clock.GetUtcNow()));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }
}
