using FluentAssertions;
using IoActors.Kernel.Tests.TestKit.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace IoActors.Kernel.Tests.TestKit;

using IoActors.TestKit;

public sealed class TestKitLifecycleTests
{
    [Fact]
    public void Constructor_Defaults_VirtualClockAndTestActorAndNamedSystem()
    {
        using var kit = new TestKit();

        kit.Sys.TimeProvider.Should().BeSameAs(kit.Clock);
        kit.Sys.Name.Should().Be("TestKit");
        kit.TestActor.Path.ToString().Should().Be("/user/testActor");
        kit.Sys.Options.RunCoordinatedShutdownOnProcessExit.Should().BeFalse();
        kit.TimeFactor.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Constructor_RealTime_HasNoClock()
    {
        using var kit = new TestKit(options: new TestKitOptions { UseVirtualTime = false, SystemName = "real" });

        kit.Sys.TimeProvider.Should().BeSameAs(TimeProvider.System);
        kit.Sys.Name.Should().Be("real");
        var act = () => kit.Clock;
        act.Should().Throw<InvalidOperationException>().WithMessage("*real time*");
    }

    [Fact]
    public void Constructor_GivenClock_IsUsed()
    {
        var clock = new VirtualClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        using var kit = new TestKit(options: new TestKitOptions { Clock = clock });

        kit.Clock.Should().BeSameAs(clock);
        kit.Sys.TimeProvider.GetUtcNow().Year.Should().Be(2030);
    }

    [Fact]
    public void Constructor_ConfigureSystem_KeepsSettingsButTurnsSignalsOff()
    {
        var options = new TestKitOptions
        {
            ConfigureSystem = (time, logs) => new ActorSystemOptions { TimeProvider = time, LoggerFactory = logs, Throughput = 7, RunCoordinatedShutdownOnProcessExit = true },
        };

        using var kit = new TestKit(options: options);

        kit.Sys.Options.Throughput.Should().Be(7);
        kit.Sys.Options.RunCoordinatedShutdownOnProcessExit.Should().BeFalse();
        kit.Sys.TimeProvider.Should().BeSameAs(kit.Clock);
    }

    [Fact]
    public void Constructor_InvalidOptions_ReportsEveryProblem()
    {
        var options = new TestKitOptions
        {
            DefaultTimeout = TimeSpan.Zero,
            ExpectNoMessageDefault = TimeSpan.FromSeconds(-1),
            TimeFactor = 0,
            ShutdownTimeout = TimeSpan.Zero,
            UseVirtualTime = false,
            Clock = new VirtualClock(),
        };

        var act = () => new TestKit(options: options);

        act.Should().Throw<ArgumentException>()
            .WithMessage("*TimeFactor is 0*DefaultTimeout*ExpectNoMessageDefault*ShutdownTimeout*Clock is set but UseVirtualTime is false*");
    }

    [Fact]
    public void TimeFactor_Option_ScalesEveryTimeout()
    {
        using var kit = new TestKit(options: new TestKitOptions { TimeFactor = 2.5 });

        kit.DefaultTimeout.Should().Be(TimeSpan.FromSeconds(7.5));
        kit.Dilated(TimeSpan.FromMilliseconds(100)).Should().Be(TimeSpan.FromMilliseconds(250));
        kit.Dilated(Timeout.InfiniteTimeSpan).Should().Be(Timeout.InfiniteTimeSpan);
        kit.CreateTestProbe().DefaultTimeout.Should().Be(TimeSpan.FromSeconds(7.5));
    }

    [Theory]
    [InlineData(null, 1.0)]
    [InlineData("", 1.0)]
    [InlineData("3", 3.0)]
    [InlineData("1.5", 1.5)]
    public void ParseTimeFactor_ValidValues(string? raw, double expected)
    {
        var problems = new List<string>();

        TestKitOptions.ParseTimeFactor(raw, problems).Should().Be(expected);
        problems.Should().BeEmpty();
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("NaN")]
    public void ParseTimeFactor_InvalidValues_NameTheVariableAndValue(string raw)
    {
        var problems = new List<string>();

        TestKitOptions.ParseTimeFactor(raw, problems);

        problems.Should().ContainSingle().Which.Should().Contain("IOACTORS_TEST_TIMEFACTOR").And.Contain($"\"{raw}\"");
    }

    [Fact]
    public void Dispose_TerminatesTheSystemOnce()
    {
        var kit = new TestKit();

        kit.Dispose();
        kit.Dispose();

        kit.Sys.IsTerminated.Should().BeTrue();
    }

    [Fact]
    public async Task DisposeAsync_TerminatesTheSystemAndDisposeAfterwardsIsHarmless()
    {
        var kit = new TestKit();
        await kit.InitializeAsync();

        await kit.DisposeAsync();
        kit.Dispose();

        kit.Sys.IsTerminated.Should().BeTrue();
    }

    [Fact]
    public async Task Logs_FromActors_ReachTheTestOutputWithTheActorPath()
    {
        var output = new RecordingOutput();
        using var kit = new TestKit(output);
        var logger = kit.Sys.ActorOf(Props.Create(() => new LoggingActor()), "chatty");

        logger.Tell("hello log", kit.TestActor);
        await kit.ExpectMsgAsync("logged");

        output.Lines.Should().Contain(l => l.Contains("[INF]") && l.Contains("received hello log") && l.Contains("/user/chatty"));
    }

    [Fact]
    public void Logs_BelowTheMinimumLevel_AreDropped()
    {
        var output = new RecordingOutput();
        using var kit = new TestKit(output, new TestKitOptions { MinimumLogLevel = LogLevel.Warning });
        var logger = kit.Sys.ActorOf(Props.Create(() => new LoggingActor()));

        logger.Tell("quiet", kit.TestActor);
        kit.ExpectMsg("logged");

        output.Lines.Should().NotContain(l => l.Contains("received quiet"));
    }

    [Fact]
    public void TestOutputLoggerProvider_AfterTheTestEnded_DropsLinesSilently()
    {
        var output = new RecordingOutput { Closed = true };
        using var provider = new TestOutputLoggerProvider(output);
        var logger = provider.CreateLogger("cat");

        var act = () => logger.LogWarning("too late");

        act.Should().NotThrow();
        logger.IsEnabled(LogLevel.Debug).Should().BeFalse();
        logger.IsEnabled(LogLevel.Warning).Should().BeTrue();
    }

    [Fact]
    public void TestOutputLoggerProvider_WritesLevelCategoryScopeAndException()
    {
        var output = new RecordingOutput();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new TestOutputLoggerProvider(output, LogLevel.Trace, new VirtualClock())));
        var logger = factory.CreateLogger("Cat");

        using (logger.BeginScope(new Dictionary<string, object?> { ["ActorPath"] = "/user/a" }))
        {
            logger.LogError(new InvalidOperationException("bad"), "failed {What}", "x");
        }

        output.Lines.Should().ContainSingle().Which.Should()
            .StartWith("00:00:00.000 [ERR] Cat => ActorPath=/user/a: failed x").And.Contain("InvalidOperationException: bad");
    }

    [Theory]
    [InlineData(typeof(TestKitLifecycleTests), "TestKitLifecycleTests")]
    [InlineData(typeof(List<int>), "List-1")]
    [InlineData(typeof(_Underscored), "t_Underscored")]
    public void SystemNameFor_AnyClassName_IsAValidSystemName(Type type, string expected)
    {
        TestKit.SystemNameFor(type).Should().Be(expected);
        using var system = new DisposableSystem(ActorSystem.Create(expected, new ActorSystemOptions { RunCoordinatedShutdownOnProcessExit = false }));
    }

    [Fact]
    public void Constructor_InvalidSystemName_ThrowsTheKernelsError()
    {
        var act = () => new TestKit(options: new TestKitOptions { SystemName = "no spaces" });

        act.Should().Throw<ArgumentException>().WithMessage("*no spaces*");
    }

    [Fact]
    public void ExpectationFailedException_IsAnXunitFailure()
    {
        typeof(ExpectationFailedException).Should().BeAssignableTo<Xunit.Sdk.XunitException>();
    }

    private sealed class _Underscored
    {
    }

    private sealed class DisposableSystem(ActorSystem system) : IDisposable
    {
        public void Dispose() => system.Terminate().Wait(TimeSpan.FromSeconds(10));
    }
}
