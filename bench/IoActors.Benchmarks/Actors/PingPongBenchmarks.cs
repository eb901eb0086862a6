using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Akka.Actor;

namespace IoActors.Benchmarks.Actors;

/// <summary>
/// Ping-pong throughput: per pair, a pinger and a ponger bounce messages, <see cref="InFlight"/> at a time, until the
/// pairs together have delivered <see cref="TotalMessages"/> messages (pings + pongs, split evenly between the pairs).
/// One operation is one delivered message, so the Mean column is the time per message and Op/s is the throughput
/// in messages per second, all pairs together.
/// The actors are Akka.NET actors; the baseline does the same with two tasks per pair and two unbounded single-reader
/// channels.
/// </summary>
[Config(typeof(ActorBenchmarkConfig))]
public class PingPongBenchmarks
{
    /// <summary>Messages (pings plus pongs) delivered per invocation, all pairs together.</summary>
    public const int TotalMessages = 400_000;

    private ActorSystem _system = null!;
    private IActorRef[] _pingers = [];

    /// <summary>The number of independent pinger/ponger pairs.</summary>
    [Params(1, 2)]
    public int Pairs { get; set; }

    /// <summary>How many pings each pinger keeps in flight.</summary>
    [Params(100)]
    public int InFlight { get; set; }

    /// <summary>Creates the system and the pairs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("pingpong", "akka.coordinated-shutdown.run-by-clr-shutdown-hook = off");
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
    public Task RawChannels()
    {
        var pairs = new Task[Pairs];
        for (var i = 0; i < Pairs; i++)
        {
            pairs[i] = ChannelPair(TotalMessages / Pairs, InFlight);
        }

        return Task.WhenAll(pairs);
    }

    /// <summary>Actors: a pinger and a ponger per pair, replying through <c>Sender</c>.</summary>
    [Benchmark(OperationsPerInvoke = TotalMessages)]
    public Task Actors()
    {
        var pairs = new Task[Pairs];
        for (var i = 0; i < Pairs; i++)
        {
            var run = new Pinger.Run(TotalMessages / Pairs / 2, InFlight);
            _pingers[i].Tell(run, ActorRefs.NoSender);
            pairs[i] = run.Done.Task;
        }

        return Task.WhenAll(pairs);
    }

    private static async Task ChannelPair(int messages, int inFlight)
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
            var rounds = messages / 2;
            var sent = 0;
            var received = 0;
            for (; sent < inFlight && sent < rounds; sent++)
            {
                toPonger.Writer.TryWrite(Pinger.Ping.Instance);
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
        });
        await Task.WhenAll(pinger, ponger).ConfigureAwait(false);
    }

    /// <summary>Sends pings, <c>InFlight</c> at a time, and completes the run when every pong is back.</summary>
    private sealed class Pinger : UntypedActor
    {
        private readonly IActorRef _ponger;
        private Run? _run;
        private int _sent;
        private int _received;

        public Pinger(IActorRef ponger) => _ponger = ponger;

        protected override void OnReceive(object message)
        {
            if (ReferenceEquals(message, Ping.Instance))
            {
                _received++;
                if (_sent < _run!.Rounds)
                {
                    _sent++;
                    _ponger.Tell(Ping.Instance, Self);
                }
                else if (_received == _run.Rounds)
                {
                    _run.Done.TrySetResult();
                }

                return;
            }

            if (message is Run run)
            {
                _run = run;
                _sent = 0;
                _received = 0;
                for (; _sent < run.InFlight && _sent < run.Rounds; _sent++)
                {
                    _ponger.Tell(Ping.Instance, Self);
                }
            }
        }

        public sealed class Ping
        {
            public static readonly Ping Instance = new();
        }

        public sealed record Run(int Rounds, int InFlight)
        {
            public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Replies to every message with the same message.</summary>
    private sealed class Ponger : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message, Self);
    }
}
