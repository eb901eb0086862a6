using FluentAssertions;
using IoActors.Hocon;
using IoActors.Hocon.Configuration;
using IoActors.Platform.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Xunit;

namespace IoActors.Platform.Tests.Manager;

/// <summary><c>server.events</c>: bound over reference.conf (its defaults are the classes'), and validated naming key and value.</summary>
public sealed class FleetReporterOptionsTests
{
    private static readonly HoconParseOptions NoEnvironment = new() { EnvironmentVariables = _ => null };

    private static PlatformOptions BindReferencePlus(string hocon)
    {
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "IoActors.sln")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        var reference = HoconConfig.Load(Path.Combine(folder ?? throw new InvalidOperationException("IoActors.sln not found"), "hocon", "reference.conf"), NoEnvironment);
        var config = HoconConfig.Parse(hocon, null, NoEnvironment).WithFallback(reference);
        return PlatformOptions.Bind(new ConfigurationBuilder().AddHoconConfig(config).Build());
    }

    [Fact]
    public void Bind_ReferenceConf_MatchesTheClassDefaults()
    {
        var events = BindReferencePlus("").Server.Events;
        var defaults = new ServerEventsOptions();

        events.Enabled.Should().BeTrue().And.Be(defaults.Enabled);
        events.BatchSize.Should().Be(200).And.Be(defaults.BatchSize);
        events.FlushInterval.Value.Should().Be(TimeSpan.FromSeconds(1)).And.Be(defaults.FlushInterval.Value);
        events.MaxQueued.Should().Be(10_000).And.Be(defaults.MaxQueued);
        events.MaxQueuedBytes.Bytes.Should().Be(8L * 1024 * 1024).And.Be(defaults.MaxQueuedBytes.Bytes);
    }

    [Fact]
    public void Bind_Values_AreRead()
    {
        var events = BindReferencePlus("server.events { enabled = false, batchSize = 50, flushInterval = 250ms, maxQueued = 100, maxQueuedBytes = 1MiB }").Server.Events;

        events.Should().BeEquivalentTo(new { Enabled = false, BatchSize = 50, MaxQueued = 100 });
        events.FlushInterval.Value.Should().Be(TimeSpan.FromMilliseconds(250));
        events.MaxQueuedBytes.Bytes.Should().Be(1024 * 1024);
    }

    [Fact]
    public void Validate_BadValues_AreErrorsNamingKeyAndValue()
    {
        var options = BindReferencePlus("server.events { batchSize = 1001, flushInterval = 0ms, maxQueued = 0, maxQueuedBytes = 1KiB }");

        var act = () => options.Validate();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(
            "server.events.batchSize: 1001 must be between 1 and 1000 (io.Manager takes at most 1000 events in one batch)",
            "server.events.flushInterval: 0ms must be > 0",
            "server.events.maxQueued: 0 must be >= 1",
            "server.events.maxQueuedBytes: 1KiB must be at least 64KiB (an event takes up to 16 KiB)");
    }
}
