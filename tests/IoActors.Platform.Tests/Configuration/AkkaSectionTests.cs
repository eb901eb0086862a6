using Akka.Actor;
using FluentAssertions;
using IoActors.Hocon;
using IoActors.Hocon.Configuration;
using IoActors.Platform.Configuration;
using IoActors.Testing;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace IoActors.Platform.Tests.Configuration;

/// <summary>
/// The configuration's <c>akka</c> section reaches the platform's actor system, read by IoActors.Hocon and handed to Akka
/// as quoted values (text that looks like HOCON syntax stays text); without one, IoActors' Akka defaults apply.
/// </summary>
public sealed class AkkaSectionTests : IDisposable
{
    private static readonly HoconParseOptions NoEnvironment = new() { EnvironmentVariables = _ => null };
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private PlatformOptions Bind(string hocon)
    {
        var options = PlatformOptions.Bind(new ConfigurationBuilder().AddHoconString(hocon, NoEnvironment).Build(), _folder.Path);
        options.IoActors.DataFolder = Path.Combine(_folder.Path, "data");
        options.IoActors.InMemoryStore.Persist = false;
        return options;
    }

    private static async Task<Akka.Configuration.Config> SystemConfigAsync(PlatformOptions options)
    {
        await using var platform = IoPlatform.Create(new IoPlatformOptions { Configuration = options, HandleProcessSignals = false });
        return platform.System.Settings.Config;
    }

    [Fact]
    public async Task AkkaSection_InTheConfiguration_ReachesTheActorSystemOverIoActorsDefaults()
    {
        var config = await SystemConfigAsync(Bind("""
            akka {
              loglevel = DEBUG
              actor.default-dispatcher.throughput = 7
              log-dead-letters-during-shutdown = on
              custom-list = [ "a", "b ${x} # not a comment" ]
              custom-text = "line 1\nline \"2\" } // still text"
            }
            """));

        config.GetString("akka.loglevel").Should().Be("DEBUG");
        config.GetInt("akka.actor.default-dispatcher.throughput").Should().Be(7);
        config.GetBoolean("akka.log-dead-letters-during-shutdown").Should().BeTrue("the section wins over IoActors' default (off)");
        config.GetStringList("akka.custom-list").Should().Equal("a", "b ${x} # not a comment");
        config.GetString("akka.custom-text").Should().Be("line 1\nline \"2\" } // still text");
        config.GetStringList("akka.loggers").Should().Equal("Akka.Logger.Serilog.SerilogLogger, Akka.Logger.Serilog");
    }

    [Fact]
    public async Task AkkaSection_Absent_IoActorsDefaultsApply()
    {
        var options = Bind("ioactors.shutdown.budget = 10s\nioactors.instances.stopGracePeriod = 2s");
        options.Akka.Should().BeNull();
        var config = await SystemConfigAsync(options);

        config.GetStringList("akka.loggers").Should().Equal("Akka.Logger.Serilog.SerilogLogger, Akka.Logger.Serilog");
        config.GetString("akka.logger-formatter").Should().Be("Akka.Logger.Serilog.SerilogLogMessageFormatter, Akka.Logger.Serilog");
        config.GetBoolean("akka.coordinated-shutdown.run-by-clr-shutdown-hook").Should().BeFalse("the host handles the signals (HandleProcessSignals = false)");
        config.GetTimeSpan("akka.coordinated-shutdown.phases.before-service-unbind.timeout").Should().Be(TimeSpan.FromSeconds(10 + (2 * 2) + 15));
    }

    [Fact]
    public async Task ShutdownPhase_IsAkkasCoordinatedShutdownWithThePlatformsBudget()
    {
        var options = Bind("ioactors.shutdown.budget = 10s\nioactors.instances.stopGracePeriod = 2s");
        await using var platform = IoPlatform.Create(new IoPlatformOptions { Configuration = options, HandleProcessSignals = false });
        await platform.WhenBooted.WaitAsync(TimeSpan.FromSeconds(30));

        CoordinatedShutdown.Get(platform.System).Timeout(CoordinatedShutdown.PhaseBeforeServiceUnbind).Should().Be(TimeSpan.FromSeconds(29));
        await CoordinatedShutdown.Get(platform.System).Run(CoordinatedShutdown.ClrExitReason.Instance).WaitAsync(TimeSpan.FromSeconds(30));
        platform.WhenTerminated.IsCompleted.Should().BeTrue("the platform's shutdown ran in before-service-unbind, then the system terminated");
    }
}
