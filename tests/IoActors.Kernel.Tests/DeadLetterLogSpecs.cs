using FluentAssertions;
using IoActors.Kernel.Tests.Support;
using IoActors.TestKit;
using Microsoft.Extensions.Logging;
using Xunit;

namespace IoActors.Kernel.Tests;

public sealed class DeadLetterLogSpecs
{
    [Fact]
    public async Task DeadLetters_MoreThanLimit_LogsLimitThenSuppressedSummary()
    {
        var clock = new VirtualClock();
        var provider = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Trace));
        var system = ActorSystem.Create("deadletters", new ActorSystemOptions
        {
            TimeProvider = clock,
            LoggerFactory = factory,
            DeadLetterLogLimit = 3,
            DeadLetterLogWindow = TimeSpan.FromSeconds(10),
            RunCoordinatedShutdownOnProcessExit = false,
        });
        try
        {
            for (var i = 0; i < 10; i++)
            {
                system.DeadLetters.Tell($"lost {i}", ActorRefs.NoSender);
            }

            clock.Advance(TimeSpan.FromSeconds(10));
            system.DeadLetters.Tell("after window", ActorRefs.NoSender);

            var lines = provider.Entries.Where(e => e.Category == "IoActors.Kernel.DeadLetters").Select(e => e.Message).ToList();
            lines.Should().HaveCount(5);
            lines.Take(3).Should().OnlyContain(l => l.Contains("was not delivered"));
            lines[3].Should().Contain("7 more dead letters were suppressed");
            lines[4].Should().Contain("after window");
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void Options_Invalid_ReportsEveryProblemAtOnce()
    {
        var act = () => ActorSystem.Create("bad", new ActorSystemOptions
        {
            Throughput = 0,
            DeadLetterLogLimit = -1,
            DeadLetterLogWindow = TimeSpan.Zero,
            CoordinatedShutdownPhaseTimeouts = new Dictionary<string, TimeSpan> { ["no-such-phase"] = TimeSpan.FromSeconds(1) },
            RunCoordinatedShutdownOnProcessExit = false,
        });

        act.Should().Throw<ArgumentException>()
            .WithMessage("*Throughput: 0*DeadLetterLogLimit: -1*DeadLetterLogWindow: 00:00:00*'no-such-phase' is not a phase*");
    }

    [Fact]
    public void Create_InvalidSystemName_ThrowsNamingIt()
    {
        var act = () => ActorSystem.Create("bad name!");

        act.Should().Throw<ArgumentException>().WithMessage("*'bad name!'*");
    }
}
