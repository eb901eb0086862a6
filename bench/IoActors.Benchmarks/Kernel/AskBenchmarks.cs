using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using IoActors.Kernel;

namespace IoActors.Benchmarks.Kernel;

/// <summary>
/// Ask round-trip latency: one <c>Ask</c> to an echo actor, awaited, per operation (read the Median column).
/// The baseline is the same request/reply without actors: a request carrying a <see cref="TaskCompletionSource{T}"/>
/// written to an unbounded single-reader channel that an echo task reads and completes.
/// </summary>
[Config(typeof(KernelBenchmarkConfig))]
public class AskBenchmarks
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly object Message = new();

    private ActorSystem _system = null!;
    private IActorRef _echo = null!;
    private Channel<(object Message, TaskCompletionSource<object> Reply)> _requests = null!;
    private Task _echoTask = Task.CompletedTask;

    /// <summary>Creates the system, the echo actor and the echo task.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("ask", BenchmarkSystem.Options());
        _echo = _system.ActorOf(Props.Create(() => new Echo()), "echo");
        _requests = Channel.CreateUnbounded<(object, TaskCompletionSource<object>)>(new UnboundedChannelOptions { SingleReader = true });
        var reader = _requests.Reader;
        _echoTask = Task.Run(async () =>
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var request))
                {
                    request.Reply.TrySetResult(request.Message);
                }
            }
        });
    }

    /// <summary>Terminates the system and the echo task.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _requests.Writer.Complete();
        _echoTask.Wait(Timeout);
        _system.Terminate().Wait(Timeout);
    }

    /// <summary>Request/reply through a channel and a TaskCompletionSource.</summary>
    [Benchmark(Baseline = true)]
    public Task<object> ChannelRequestReply()
    {
        var reply = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Writer.TryWrite((Message, reply));
        return reply.Task;
    }

    /// <summary>One Ask to the echo actor.</summary>
    [Benchmark]
    public Task<object> Ask() => _echo.Ask<object>(Message, Timeout);

    /// <summary>Replies to every message with the same message.</summary>
    private sealed class Echo : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message, Self);
    }
}
