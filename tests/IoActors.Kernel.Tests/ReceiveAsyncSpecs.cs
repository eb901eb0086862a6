using FluentAssertions;
using IoActors.Kernel.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests;

public sealed class ReceiveAsyncSpecs(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact]
    public void ReceiveAsync_TaskPending_OtherMessagesWaitInOrder()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor, gate.Task)));
        ExpectMsg("prestart");

        actor.Tell("slow", TestActor);
        ExpectMsg("slow-started");
        actor.Tell("a", TestActor);
        actor.Tell("b", TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        gate.SetResult();

        ExpectMsg("slow-done");
        ExpectMsg("a");
        ExpectMsg("b");
    }

    [Fact]
    public void ReceiveAsync_AcrossAwaits_SenderAndSelfStayValid()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor, gate.Task)));
        var other = CreateTestProbe();

        actor.Tell("who", other.Ref);
        gate.SetResult();

        other.ExpectMsg(actor.Path.ToString());
        other.LastSender.Should().Be(actor);
    }

    [Fact]
    public void ReceiveAsync_TaskFaults_FailureGoesToSupervisor()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor, gate.Task)));
        ExpectMsg("prestart");

        actor.Tell("throw", TestActor);
        gate.SetResult();

        ExpectMsg("poststop");
        ExpectMsg("prestart");
        actor.Tell("a", TestActor);
        ExpectMsg("a");
    }

    [Fact]
    public void Stop_DuringReceiveAsync_StopsAndNeverResumesTheHandler()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor, gate.Task)));
        ExpectMsg("prestart");
        actor.Tell("slow", TestActor);
        ExpectMsg("slow-started");
        Watch(actor);

        Sys.Stop(actor);

        ExpectMsg("poststop");
        ExpectTerminated(actor);
        gate.SetResult();
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void ActorTaskScheduler_FromUntypedActor_SuspendsLikeReceiveAsync()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new RunTaskActor(gate.Task)));

        actor.Tell("slow", TestActor);
        actor.Tell("fast", TestActor);
        gate.SetResult();

        ExpectMsg("slow");
        ExpectMsg("fast");
    }

    [Fact]
    public void ReceiveAnyAsync_AwaitsBetweenMessages_KeepsOrder()
    {
        var actor = Sys.ActorOf(Props.Create(() => new AnyAsyncActor()));

        for (var i = 0; i < 20; i++)
        {
            actor.Tell(i, TestActor);
        }

        for (var i = 0; i < 20; i++)
        {
            ExpectMsg(i);
        }
    }

    [Fact]
    public void ActorTaskScheduler_OutsideActor_ThrowsInvalidOperation()
    {
        var act = () => ActorTaskScheduler.RunTask(() => Task.CompletedTask);

        act.Should().Throw<InvalidOperationException>();
    }

    private sealed class AsyncActor : ReceiveActor
    {
        private readonly IActorRef _probe;

        public AsyncActor(IActorRef probe, Task gate)
        {
            _probe = probe;
            ReceiveAsync<string>(s => s == "slow", async _ =>
            {
                Sender.Tell("slow-started", Self);
                await gate;
                Sender.Tell("slow-done", Self);
            });
            ReceiveAsync<string>(s => s == "who", async _ =>
            {
                await gate;
                await Task.Yield();
                Sender.Tell(Self.Path.ToString(), Self);
            });
            ReceiveAsync<string>(s => s == "throw", async _ =>
            {
                await gate;
                throw new InvalidOperationException("async boom");
            });
            Receive<string>(s => Sender.Tell(s, Self));
        }

        protected override void PreStart() => _probe.Tell("prestart", Self);

        protected override void PostStop() => _probe.Tell("poststop", Self);
    }

    private sealed class AnyAsyncActor : ReceiveActor
    {
        public AnyAsyncActor()
        {
            ReceiveAnyAsync(async m =>
            {
                await Task.Yield();
                await Task.Run(() => Thread.SpinWait(100 * ((int)m % 3)));
                Sender.Tell(m, Self);
            });
        }
    }

    private sealed class RunTaskActor : UntypedActor
    {
        private readonly Task _gate;

        public RunTaskActor(Task gate) => _gate = gate;

        protected override void OnReceive(object message)
        {
            if (message is "slow")
            {
                ActorTaskScheduler.RunTask(async () =>
                {
                    await _gate;
                    Sender.Tell("slow", Self);
                });
            }
            else
            {
                Sender.Tell(message, Self);
            }
        }
    }
}
