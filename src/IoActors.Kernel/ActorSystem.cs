using System.Runtime.InteropServices;
using IoActors.Kernel.Internal;
using Microsoft.Extensions.Logging;

namespace IoActors.Kernel;

/// <summary>
/// A hierarchy of actors sharing a clock, an event stream, dead letters and a shutdown sequence.
/// Top-level actors live under <c>/user</c>.
/// </summary>
public sealed class ActorSystem
{
    private readonly ActorCell _userGuardian;
    private readonly TaskCompletionSource _whenTerminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _guardianStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly DeadLetterLog _deadLetterLog;
    private readonly List<IDisposable> _signalRegistrations = [];
    private long _nextTempId;
    private volatile bool _terminating;

    private ActorSystem(string name, ActorSystemOptions options)
    {
        Name = name;
        Options = options;
        TimeProvider = options.TimeProvider;
        LoggerFactory = options.LoggerFactory;
        Throughput = options.Throughput;
        Logger = LoggerFactory.CreateLogger("IoActors.Kernel.ActorSystem");
        var root = ActorPath.Root(name);
        TempPath = root / "temp";
        DeadLetters = new DeadLettersRef(this, root / "deadLetters");
        EventStream = new EventStream(this);
        _deadLetterLog = new DeadLetterLog(this, options.DeadLetterLogLimit, options.DeadLetterLogWindow);
        _userGuardian = new ActorCell(this, new SystemRootRef(this, root), root / "user", Props.Create(static () => new GuardianActor()));
        _userGuardian.Start();
        CoordinatedShutdown = new CoordinatedShutdown(this, options);
    }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>The validated options the system runs with.</summary>
    public ActorSystemOptions Options { get; }

    /// <summary>The clock of all timers and timeouts.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The logger factory of the kernel and the actors.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The publish/subscribe bus of the system.</summary>
    public EventStream EventStream { get; }

    /// <summary>The reference that receives undeliverable messages.</summary>
    public IActorRef DeadLetters { get; }

    /// <summary>The ordered shutdown sequence; <see cref="Terminate"/> runs it.</summary>
    public CoordinatedShutdown CoordinatedShutdown { get; }

    /// <summary>Completes when all actors have stopped after <see cref="Terminate"/>.</summary>
    public Task WhenTerminated => _whenTerminated.Task;

    /// <summary>Whether the system has terminated.</summary>
    public bool IsTerminated => _whenTerminated.Task.IsCompleted;

    internal int Throughput { get; }

    internal ILogger Logger { get; }

    internal ActorPath TempPath { get; }

    /// <summary>Creates and starts an actor system.</summary>
    /// <param name="name">The name: ASCII letters, digits, '-' and '_', starting with a letter or digit.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <returns>The running system.</returns>
    /// <exception cref="ArgumentException">The name or the options are invalid.</exception>
    public static ActorSystem Create(string name, ActorSystemOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !char.IsAsciiLetterOrDigit(name[0]) || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_'))
        {
            throw new ArgumentException($"Invalid actor system name '{name}': use ASCII letters, digits, '-' and '_', starting with a letter or digit.", nameof(name));
        }

        options ??= new ActorSystemOptions();
        options.Validate();
        var system = new ActorSystem(name, options);
        if (options.RunCoordinatedShutdownOnProcessExit)
        {
            system.RegisterSignalHandlers();
        }

        return system;
    }

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    /// <param name="props">How to create it.</param>
    /// <param name="name">A unique top-level name, or <see langword="null"/> for a generated one.</param>
    /// <returns>The actor's reference (the actor starts asynchronously).</returns>
    /// <exception cref="InvalidActorNameException">The name is invalid or taken.</exception>
    /// <exception cref="InvalidOperationException">The system is terminating or terminated.</exception>
    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (_terminating)
        {
            throw new InvalidOperationException($"Cannot create actor '{name ?? "(generated name)"}': actor system '{Name}' is terminating or terminated.");
        }

        return _userGuardian.AttachChild(props, name);
    }

    /// <summary>Stops an actor asynchronously (after its current message).</summary>
    /// <param name="actor">The actor to stop.</param>
    public void Stop(IActorRef actor) => InternalActorRef.From(actor, nameof(actor)).SendSystem(new Terminate());

    /// <summary>Runs <see cref="CoordinatedShutdown"/> (whose last phase stops all actors) and returns <see cref="WhenTerminated"/>.</summary>
    /// <returns>A task that completes when the system has terminated.</returns>
    public Task Terminate()
    {
        _ = CoordinatedShutdown.Run(CoordinatedShutdownReason.ActorSystemTerminate);
        return WhenTerminated;
    }

    /// <inheritdoc />
    public override string ToString() => $"ActorSystem({Name})";

    internal long NextTempId() => Interlocked.Increment(ref _nextTempId);

    internal void DeadLetter(object message, IActorRef? sender, IActorRef recipient)
    {
        if (message is DeadLetter)
        {
            return;
        }

        var deadLetter = new DeadLetter(message, sender ?? DeadLetters, recipient);
        _deadLetterLog.Record(deadLetter);
        EventStream.Publish(deadLetter);
    }

    /// <summary>The final step of coordinated shutdown: stops all actors and completes <see cref="WhenTerminated"/>.</summary>
    internal async Task TerminateActorsAsync()
    {
        _terminating = true;
        _userGuardian.StopFromOutside();
        await _guardianStopped.Task.ConfigureAwait(false);
        CompleteTermination();
    }

    internal void CompleteTermination()
    {
        _terminating = true;
        foreach (var registration in _signalRegistrations)
        {
            registration.Dispose();
        }

        _signalRegistrations.Clear();
        _whenTerminated.TrySetResult();
    }

    internal void OnGuardianStopped() => _guardianStopped.TrySetResult();

    private void RegisterSignalHandlers()
    {
        void OnSignal(PosixSignalContext context)
        {
            // Run the shutdown to completion before the default handling lets the process exit.
            CoordinatedShutdown.Run(CoordinatedShutdownReason.ProcessTerminate).Wait(CoordinatedShutdown.TotalTimeout);
        }

        try
        {
            _signalRegistrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
            _signalRegistrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        }
        catch (PlatformNotSupportedException)
        {
            // Signals are not available (browser, some sandboxes); process exit below still runs the shutdown.
        }

        EventHandler onExit = (_, _) => CoordinatedShutdown.Run(CoordinatedShutdownReason.ProcessExit).Wait(CoordinatedShutdown.TotalTimeout);
        AppDomain.CurrentDomain.ProcessExit += onExit;
        _signalRegistrations.Add(new ProcessExitRegistration(onExit));
    }

    /// <summary>Removes the process-exit handler when the system terminates.</summary>
    private sealed class ProcessExitRegistration(EventHandler handler) : IDisposable
    {
        public void Dispose() => AppDomain.CurrentDomain.ProcessExit -= handler;
    }
}
