using FluentAssertions;
using IoActors.Hocon.Tests.Support;
using Xunit;

namespace IoActors.Hocon.Tests;

public sealed class UnitsTests
{
    // HOCON.md "Duration format": a bare number is milliseconds; units are lowercase.
    [Theory]
    [InlineData("100", 100 * TimeSpan.TicksPerMillisecond)]
    [InlineData("1.5", 15000)]
    [InlineData("\"250 ms\"", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("500ns", 5)]
    [InlineData("3us", 30)]
    [InlineData("10s", 10 * TimeSpan.TicksPerSecond)]
    [InlineData("2 seconds", 2 * TimeSpan.TicksPerSecond)]
    [InlineData("5m", 5 * TimeSpan.TicksPerMinute)]
    [InlineData("1 minute", TimeSpan.TicksPerMinute)]
    [InlineData("2h", 2 * TimeSpan.TicksPerHour)]
    [InlineData("1d", TimeSpan.TicksPerDay)]
    [InlineData("3 days", 3 * TimeSpan.TicksPerDay)]
    [InlineData("7 millis", 7 * TimeSpan.TicksPerMillisecond)]
    [InlineData("0.5s", 5_000_000)]
    public void GetDuration_Units_ConvertToTimeSpan(string text, long ticks)
    {
        HoconAssert.Parse($"d = {text}").GetDuration("d").Should().Be(TimeSpan.FromTicks(ticks));
    }

    // HOCON.md "Duration format": unit strings are case sensitive.
    [Theory]
    [InlineData("10S")]
    [InlineData("10 weeks")]
    [InlineData("soon")]
    public void GetDuration_UnknownUnit_FailsWithPosition(string text)
    {
        var act = () => HoconAssert.Parse($"a = 1\nd = {text}").GetDuration("d");
        var error = act.Should().Throw<HoconException>().Which;
        error.Line.Should().Be(2);
        error.Path.Should().Be("d");
    }

    // HOCON.md "Size in bytes format": powers of ten for kB/MB, powers of two for K/Ki/KiB.
    [Theory]
    [InlineData("512", 512L)]
    [InlineData("10B", 10L)]
    [InlineData("1 byte", 1L)]
    [InlineData("1kB", 1000L)]
    [InlineData("1 kilobyte", 1000L)]
    [InlineData("1MB", 1_000_000L)]
    [InlineData("2GB", 2_000_000_000L)]
    [InlineData("1K", 1024L)]
    [InlineData("1k", 1024L)]
    [InlineData("1Ki", 1024L)]
    [InlineData("1KiB", 1024L)]
    [InlineData("1 kibibytes", 1024L)]
    [InlineData("3M", 3L * 1024 * 1024)]
    [InlineData("1MiB", 1024L * 1024)]
    [InlineData("1G", 1024L * 1024 * 1024)]
    [InlineData("1TB", 1_000_000_000_000L)]
    [InlineData("1.5K", 1536L)]
    public void GetByteSize_Units_ConvertToBytes(string text, long bytes)
    {
        HoconAssert.Parse($"s = {text}").GetByteSize("s").Should().Be(bytes);
    }

    [Theory]
    [InlineData("1 XB")]
    [InlineData("100ZB")]
    [InlineData("1kb")]
    public void GetByteSize_UnknownUnitOrOverflow_Fails(string text)
    {
        var act = () => HoconAssert.Parse($"s = {text}").GetByteSize("s");
        act.Should().Throw<HoconException>();
    }

    [Fact]
    public void HoconDuration_Parse_KeepsTextAndValue()
    {
        var duration = HoconDuration.Parse(" 60s ");
        duration.Value.Should().Be(TimeSpan.FromMinutes(1));
        duration.Text.Should().Be("60s");
        ((TimeSpan)HoconDuration.FromMilliseconds(120000)).Should().Be(TimeSpan.FromMinutes(2));
        HoconDuration.TryParse("abc", out _).Should().BeFalse();
        HoconByteSize.Parse("10MB").Bytes.Should().Be(10_000_000);
    }
}
