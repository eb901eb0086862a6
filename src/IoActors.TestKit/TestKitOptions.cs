using System.Globalization;
using IoActors.Kernel;
using Microsoft.Extensions.Logging;

namespace IoActors.TestKit;

/// <summary>How a <see cref="TestKit"/> builds its actor system and times its expectations.</summary>
public sealed class TestKitOptions
{
    /// <summary>The environment variable that scales every TestKit timeout (Akka's <c>akka.test.timefactor</c>).</summary>
    public const string TimeFactorVariable = "IOACTORS_TEST_TIMEFACTOR";

    /// <summary>
    /// Whether the actor system runs on a <see cref="VirtualClock"/> (timers fire only when the test advances
    /// <see cref="TestKit.Clock"/>) instead of real time. Expectation timeouts are real time either way.
    /// The default is <see langword="true"/>.
    /// </summary>
    public bool UseVirtualTime { get; init; } = true;

    /// <summary>The virtual clock to use when <see cref="UseVirtualTime"/> is set, e.g. one with a chosen start time.
    /// The default is <see langword="null"/>: a new <see cref="VirtualClock"/> per test.</summary>
    public VirtualClock? Clock { get; init; }

    /// <summary>The name of the actor system. The default is <see langword="null"/>: the test class's name.</summary>
    public string? SystemName { get; init; }

    /// <summary>
    /// Builds the system's options from the time provider and logger factory the TestKit chose; use it to set the
    /// other options (throughput, shutdown timeouts, ...). The TestKit always turns signal handling off.
    /// The default is <see langword="null"/>: options with only the time provider and logger factory set.
    /// </summary>
    public Func<TimeProvider, ILoggerFactory, ActorSystemOptions>? ConfigureSystem { get; init; }

    /// <summary>How long an expectation waits when it is given no timeout, before the time factor is applied.
    /// The default is 3 seconds.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long <c>ExpectNoMsg()</c> watches for messages when it is given no duration, before the time
    /// factor is applied. The default is 100 milliseconds.</summary>
    public TimeSpan ExpectNoMessageDefault { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The factor every timeout is multiplied by (for slow machines). The default is <see langword="null"/>: the value
    /// of the <c>IOACTORS_TEST_TIMEFACTOR</c> environment variable, or 1 when it is not set.
    /// </summary>
    public double? TimeFactor { get; init; }

    /// <summary>The lowest level of the log lines written to the test output. The default is <see cref="LogLevel.Information"/>.</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    /// <summary>How long (real time) disposing the TestKit waits for the actor system to terminate. The default is 10 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether disposing the TestKit throws when the actor system did not terminate within
    /// <see cref="ShutdownTimeout"/> (otherwise it writes a warning to the test output). The default is <see langword="false"/>.</summary>
    public bool VerifySystemShutdown { get; init; }

    /// <summary>Checks every option and resolves the time factor; reports every problem at once.</summary>
    internal TestKitSettings Resolve()
    {
        var problems = new List<string>();
        var factor = TimeFactor ?? ParseTimeFactor(Environment.GetEnvironmentVariable(TimeFactorVariable), problems);
        if (TimeFactor is { } f && !(f > 0 && double.IsFinite(f)))
        {
            problems.Add($"{nameof(TimeFactor)} is {f.ToString(CultureInfo.InvariantCulture)}; it must be a finite number greater than 0.");
        }

        if (DefaultTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(DefaultTimeout)} is {DefaultTimeout}; it must be positive.");
        }

        if (ExpectNoMessageDefault < TimeSpan.Zero)
        {
            problems.Add($"{nameof(ExpectNoMessageDefault)} is {ExpectNoMessageDefault}; it must be zero or positive.");
        }

        if (ShutdownTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(ShutdownTimeout)} is {ShutdownTimeout}; it must be positive.");
        }

        if (Clock is not null && !UseVirtualTime)
        {
            problems.Add($"{nameof(Clock)} is set but {nameof(UseVirtualTime)} is false; set only one of them.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid TestKit options:" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)));
        }

        return new TestKitSettings(factor, DefaultTimeout, ExpectNoMessageDefault);
    }

    /// <summary>Parses the time factor variable's value: 1 when unset; a problem is added when it is not a positive number.</summary>
    internal static double ParseTimeFactor(string? raw, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return 1.0;
        }

        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value))
        {
            return value;
        }

        problems.Add($"The environment variable {TimeFactorVariable} is \"{raw}\"; it must be a finite number greater than 0 (e.g. 2 or 1.5).");
        return 1.0;
    }
}
