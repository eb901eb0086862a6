using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using IoActors.Kernel;

namespace IoActors.Benchmarks.Kernel;

/// <summary>
/// Ask round-trip latency (read the Median column), in two settings, each against its own baseline (the same
/// request/reply without actors: a request carrying a <see cref="TaskCompletionSource{T}"/> written to an unbounded
/// single-reader channel that an echo task reads and completes):
/// <list type="bullet">
/// <item><c>Single</c>: one ask per invocation, awaited by BenchmarkDotNet's thread, which blocks, so each round trip
/// also pays for waking that thread.</item>
/// <item><c>Sequential</c>: <see cref="Sequence"/> asks one after the other in an async loop on the thread pool (how
/// actors and services ask); one operation is one round trip.</item>
/// </list>
/// </summary>
[Config(typeof(KernelBenchmarkConfig.ByCategory))]
public class AskBenchmarks
{
    /// <summary>Asks per invocation in the sequential case.</summary>
    public const int Sequence = 1_000;

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

    /// <summary>Request/reply through a channel and a TaskCompletionSource, awaited by the benchmark thread.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Single")]
    public Task<object> ChannelRequestReply() => ChannelRoundTrip();

    /// <summary>One Ask to the echo actor, awaited by the benchmark thread.</summary>
    [Benchmark]
    [BenchmarkCategory("Single")]
    public Task<object> Ask() => _echo.Ask<object>(Message, Timeout);

    /// <summary>Sequential channel request/replies in an async loop on the thread pool.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Sequence)]
    [BenchmarkCategory("Sequential")]
    public Task ChannelRequestReplyLoop() => Task.Run(async () =>
    {
        for (var i = 0; i < Sequence; i++)
        {
            await ChannelRoundTrip().ConfigureAwait(false);
        }
    });

    /// <summary>Sequential asks in an async loop on the thread pool.</summary>
    [Benchmark(OperationsPerInvoke = Sequence)]
    [BenchmarkCategory("Sequential")]
    public Task AskLoop() => Task.Run(async () =>
    {
        for (var i = 0; i < Sequence; i++)
        {
            await _echo.Ask<object>(Message, Timeout).ConfigureAwait(false);
        }
    });

    private Task<object> ChannelRoundTrip()
    {
        var reply = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Writer.TryWrite((Message, reply));
        return reply.Task;
    }

    /// <summary>Replies to every message with the same message.</summary>
    private sealed class Echo : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message, Self);
    }
}
