using System.Text;
using IoActors.Kernel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.TestKit;

/// <summary>
/// Base class for xunit actor tests, in the Akka.TestKit style: each test (each instance) gets a fresh
/// <see cref="ActorSystem"/> that runs on a <see cref="VirtualClock"/> (<see cref="Clock"/>) by default, logs to the
/// test's output, and is shut down when the test is disposed.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="TestKitBase.TestActor"/> is the implicit sender of messages the test sends with
/// <c>actor.Tell(message)</c>, so replies arrive at the test's expectations
/// (<c>actor.Tell(new Ping()); ExpectMsg&lt;Pong&gt;();</c>).
/// </para>
/// <para>
/// Actor timers, backoff and ask timeouts run on <see cref="Clock"/> and fire only when the test calls
/// <see cref="VirtualClock.Advance"/>; use <see cref="VirtualClock.WaitForTimerDueAsync"/> (or
/// <see cref="VirtualClock.WaitForTimersAsync"/>) to wait until an actor has armed its timer: an actor's <c>PreStart</c>
/// runs on its own thread, after <c>ActorOf</c> returned. Expectation timeouts are real time.
/// </para>
/// <para>
/// In code whose namespace starts with <c>IoActors.</c>, the name <c>TestKit</c> finds the <c>IoActors.TestKit</c>
/// namespace before a <c>using</c> at the top of the file is considered: put <c>using IoActors.TestKit;</c> after the
/// file-scoped namespace declaration, or derive from <c>global::IoActors.TestKit.TestKit</c>.
/// </para>
/// </remarks>
public class TestKit : TestKitBase, IDisposable, IAsyncLifetime
{
    private readonly VirtualClock? _clock;
    private readonly ILoggerFactory _loggerFactory;
    private readonly bool _ownsLoggerFactory;
    private readonly TestKitOptions _options;
    private readonly TestKitSettings _settings;
    // The ambient sender before this TestKit made TestActor the implicit sender; restored on dispose.
    private readonly IActorRef? _previousImplicitSender;
    private int _probeCount;
    private int _disposed;

    /// <summary>Creates the actor system, the test actor and the logging for one test.</summary>
    /// <param name="output">The test's output, where the system's logs go. The default is <see langword="null"/>: no logging.</param>
    /// <param name="options">How to build the system and time expectations. The default is <see langword="null"/>: <see cref="TestKitOptions"/>' defaults.</param>
    /// <exception cref="ArgumentException">An option is invalid (the message lists every problem).</exception>
    public TestKit(ITestOutputHelper? output = null, TestKitOptions? options = null)
        : this(output, options ?? new TestKitOptions(), (options ?? new TestKitOptions()).Resolve())
    {
    }

    private TestKit(ITestOutputHelper? output, TestKitOptions options, TestKitSettings settings)
        : base(settings)
    {
        _options = options;
        _settings = settings;
        Output = output;
        _clock = options.UseVirtualTime ? options.Clock ?? new VirtualClock() : null;
        var timeProvider = (TimeProvider?)_clock ?? TimeProvider.System;
        if (output is null)
        {
            _loggerFactory = NullLoggerFactory.Instance;
        }
        else
        {
            _loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder
                .SetMinimumLevel(options.MinimumLogLevel)
                .AddProvider(new TestOutputLoggerProvider(output, options.MinimumLogLevel, timeProvider)));
            _ownsLoggerFactory = true;
        }

        var systemOptions = options.ConfigureSystem?.Invoke(timeProvider, _loggerFactory)
            ?? new ActorSystemOptions { TimeProvider = timeProvider, LoggerFactory = _loggerFactory };
        systemOptions = systemOptions with { RunCoordinatedShutdownOnProcessExit = false };
        ActorSystem system;
        try
        {
            system = ActorSystem.Create(options.SystemName ?? SystemNameFor(GetType()), systemOptions);
        }
        catch
        {
            if (_ownsLoggerFactory)
            {
                _loggerFactory.Dispose();
            }

            throw;
        }

        Attach(system, "testActor");
        _previousImplicitSender = ImplicitSender.SetAmbient(TestActor);
    }

    /// <summary>The virtual clock the actor system runs on.</summary>
    /// <exception cref="InvalidOperationException">The TestKit runs on real time (<see cref="TestKitOptions.UseVirtualTime"/> is false).</exception>
    public VirtualClock Clock => _clock ?? throw new InvalidOperationException(
        "This TestKit runs on real time (TestKitOptions.UseVirtualTime is false), so it has no virtual clock.");

    /// <summary>The test's output, or <see langword="null"/> when none was given.</summary>
    public ITestOutputHelper? Output { get; }

    /// <summary>The logger factory the actor system logs through (writing to <see cref="Output"/>).</summary>
    public ILoggerFactory LoggerFactory => _loggerFactory;

    /// <summary>Creates a <see cref="TestProbe"/> in this TestKit's system, sharing its timeouts.</summary>
    /// <param name="name">The probe actor's name. The default is <see langword="null"/>: <c>testProbe-1</c>, <c>testProbe-2</c>, ...</param>
    /// <returns>The probe.</returns>
    public TestProbe CreateTestProbe(string? name = null) =>
        new(Sys, _settings, name ?? $"testProbe-{Interlocked.Increment(ref _probeCount)}");

    /// <summary>Creates a top-level actor in <see cref="TestKitBase.Sys"/> (a shortcut for <c>Sys.ActorOf</c>).</summary>
    /// <param name="props">The actor's props.</param>
    /// <param name="name">The actor's name. The default is <see langword="null"/>: a generated name.</param>
    /// <returns>The actor.</returns>
    public IActorRef ActorOf(Props props, string? name = null) => Sys.ActorOf(props, name);

    /// <summary>Does nothing; present so xunit's <see cref="IAsyncLifetime"/> can be overridden by a test.</summary>
    /// <returns>A completed task.</returns>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Shuts the actor system down (waiting up to <see cref="TestKitOptions.ShutdownTimeout"/>); xunit calls it after each test.</summary>
    /// <returns>A task that completes when the system has terminated or the wait timed out.</returns>
    public virtual async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var terminated = true;
        try
        {
            await Sys.Terminate().WaitAsync(Dilated(_options.ShutdownTimeout)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            terminated = false;
        }

        FinishShutdown(terminated);
    }

    /// <summary>Shuts the actor system down (waiting up to <see cref="TestKitOptions.ShutdownTimeout"/>).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Shuts the actor system down when <paramref name="disposing"/>; override to add cleanup (call the base).</summary>
    /// <param name="disposing">Whether this is called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing || Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var terminated = Sys.Terminate().Wait(Dilated(_options.ShutdownTimeout));
        FinishShutdown(terminated);
    }

    private void FinishShutdown(bool terminated)
    {
        if (ImplicitSender.Ambient is { } ambient && ambient.Equals(TestActor))
        {
            ImplicitSender.SetAmbient(_previousImplicitSender);
        }

        var message = $"The actor system '{Sys.Name}' did not terminate within {MessageFormatter.Ms(Dilated(_options.ShutdownTimeout))} (real time).";
        if (!terminated)
        {
            try
            {
                Output?.WriteLine("[WRN] " + message);
            }
            catch (InvalidOperationException)
            {
                // The test has finished: xunit no longer accepts output for it.
            }
        }

        if (_ownsLoggerFactory)
        {
            _loggerFactory.Dispose();
        }

        if (!terminated && _options.VerifySystemShutdown)
        {
            throw new TimeoutException(message);
        }
    }

    /// <summary>The test class's name, reduced to ASCII letters, digits, '-' and '_' (an actor system name).</summary>
    internal static string SystemNameFor(Type type)
    {
        var name = new StringBuilder();
        foreach (var c in type.Name)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        // A system name starts with a letter or digit.
        return name.Length == 0 || !char.IsAsciiLetterOrDigit(name[0]) ? "t" + name : name.ToString();
    }
}
