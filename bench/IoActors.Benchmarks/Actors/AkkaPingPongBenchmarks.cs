using System.Threading.Channels;
using Akka.Actor;
using BenchmarkDotNet.Attributes;
using IoActors.Benchmarks.Running;

namespace IoActors.Benchmarks.Actors;

/// <summary>
/// Context for the actor runtime the platform runs on: Akka.NET ping-pong throughput against raw channels. Per pair, a
/// pinger and a ponger bounce messages, <see cref="InFlight"/> at a time, until the pairs together have delivered
/// <see cref="TotalMessages"/> messages (pings + pongs, split evenly between the pairs). One operation is one delivered
/// message, so Op/s is the throughput in messages per second, all pairs together. The baseline does the same with two
/// tasks per pair and two unbounded single-reader channels. Every pair must get back every ping it sent: a lost
/// message fails the run (after <see cref="Timeout"/>) instead of hanging it.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class AkkaPingPongBenchmarks
{
    /// <summary>Messages (pings plus pongs) delivered per invocation, all pairs together.</summary>
    public const int TotalMessages = 400_000;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private ActorSystem _system = null!;
    private IActorRef[] _pingers = [];

    /// <summary>The number of independent pinger/ponger pairs.</summary>
    [Params(1, 2)]
    public int Pairs { get; set; }

    /// <summary>How many pings each pinger keeps in flight.</summary>
    [Params(100)]
    public int InFlight { get; set; }

    /// <summary>Creates the actor system (Akka's default dispatcher) and the pairs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("pingpong", "akka.coordinated-shutdown.run-by-clr-shutdown-hook = off\nakka.loglevel = WARNING");
        _pingers = new IActorRef[Pairs];
        for (var i = 0; i < Pairs; i++)
        {
            var ponger = _system.ActorOf(Props.Create(() => new Ponger()), $"ponger-{i}");
            _pingers[i] = _system.ActorOf(Props.Create(() => new Pinger(ponger)), $"pinger-{i}");
        }
    }

    /// <summary>Terminates the system.</summary>
    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    /// <summary>Raw channels: two tasks per pair, each reading its unbounded single-reader channel and writing the other.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = TotalMessages)]
    public async Task RawChannels()
    {
        var pairs = new Task<int>[Pairs];
        for (var i = 0; i < Pairs; i++)
        {
            pairs[i] = ChannelPair(TotalMessages / Pairs / 2, InFlight);
        }

        Check(await Task.WhenAll(pairs).WaitAsync(Timeout));
    }

    /// <summary>Akka.NET: a pinger and a ponger per pair (ReceiveActors), replying through <c>Sender</c>.</summary>
    [Benchmark(OperationsPerInvoke = TotalMessages)]
    public async Task AkkaActors()
    {
        var pairs = new Task<int>[Pairs];
        for (var i = 0; i < Pairs; i++)
        {
            var run = new Run(TotalMessages / Pairs / 2, InFlight);
            _pingers[i].Tell(run, ActorRefs.NoSender);
            pairs[i] = run.Done.Task;
        }

        Check(await Task.WhenAll(pairs).WaitAsync(Timeout));
    }

    private void Check(int[] received)
    {
        var rounds = TotalMessages / Pairs / 2;
        foreach (var r in received)
        {
            if (r != rounds)
            {
                throw new InvalidOperationException($"a pair got {r} of its {rounds} pongs back");
            }
        }
    }

    private static async Task<int> ChannelPair(int rounds, int inFlight)
    {
        var toPonger = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var toPinger = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var ponger = Task.Run(async () =>
        {
            var reader = toPonger.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    toPinger.Writer.TryWrite(message);
                }
            }
        });
        var pinger = Task.Run(async () =>
        {
            var sent = 0;
            var received = 0;
            for (; sent < inFlight && sent < rounds; sent++)
            {
                toPonger.Writer.TryWrite(Ping.Instance);
            }

            var reader = toPinger.Reader;
            while (received < rounds && await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    received++;
                    if (sent < rounds)
                    {
                        sent++;
                        toPonger.Writer.TryWrite(message);
                    }
                }
            }

            toPonger.Writer.Complete();
            return received;
        });
        await ponger.ConfigureAwait(false);
        return await pinger.ConfigureAwait(false);
    }

    private sealed class Ping
    {
        public static readonly Ping Instance = new();
    }

    /// <summary>Starts a run: <c>Rounds</c> pings, <c>InFlight</c> at a time; completes with the pongs received.</summary>
    private sealed record Run(int Rounds, int InFlight)
    {
        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Sends pings, <c>InFlight</c> at a time, and completes the run when every pong is back.</summary>
    private sealed class Pinger : ReceiveActor
    {
        private Run? _run;
        private int _sent;
        private int _received;

        public Pinger(IActorRef ponger)
        {
            Receive<Ping>(ping =>
            {
                _received++;
                if (_sent < _run!.Rounds)
                {
                    _sent++;
                    ponger.Tell(ping, Self);
                }
                else if (_received == _run.Rounds)
                {
                    _run.Done.TrySetResult(_received);
                }
            });
            Receive<Run>(run =>
            {
                _run = run;
                _sent = 0;
                _received = 0;
                for (; _sent < run.InFlight && _sent < run.Rounds; _sent++)
                {
                    ponger.Tell(Ping.Instance, Self);
                }
            });
        }
    }

    /// <summary>Replies to every ping with the same ping.</summary>
    private sealed class Ponger : ReceiveActor
    {
        public Ponger() => Receive<Ping>(ping => Sender.Tell(ping, Self));
    }
}
