using FluentAssertions;
using IoActors.Hocon.Tests.Support;
using Xunit;

namespace IoActors.Hocon.Tests;

public sealed class GetterTests
{
    private static readonly HoconConfig Config = HoconAssert.Parse("""
        s = hello
        n = 42
        big = 9000000000
        f = 1.5
        ns = "17"
        b = true
        by = yes
        off = off
        nul = null
        obj { inner { x = 1 }, "dotted.key" = 2 }
        list = [a, b, 3]
        """);

    // HOCON.md "Automatic type conversions".
    [Fact]
    public void Getters_AutomaticConversions_FollowSpec()
    {
        Config.GetString("n").Should().Be("42");
        Config.GetString("b").Should().Be("true");
        Config.GetInt("ns").Should().Be(17);
        Config.GetLong("big").Should().Be(9_000_000_000);
        Config.GetDouble("f").Should().Be(1.5);
        Config.GetBoolean("by").Should().BeTrue();
        Config.GetBoolean("off").Should().BeFalse();
        Config.GetStringList("list").Should().Equal("a", "b", "3");
        Config.GetInt("obj.inner.x").Should().Be(1);
        Config.GetInt("obj.\"dotted.key\"").Should().Be(2);
    }

    [Fact]
    public void HasPath_NullOrMissing_IsFalse()
    {
        Config.HasPath("s").Should().BeTrue();
        Config.HasPath("obj.inner").Should().BeTrue();
        Config.HasPath("nul").Should().BeFalse();
        Config.HasPath("nope.deeper").Should().BeFalse();
        Config.GetValue("nul")!.Kind.Should().Be(HoconValueKind.Null);
    }

    // HOCON.md "Automatic type conversions": null, objects and arrays do not convert.
    [Theory]
    [InlineData("nul")]
    [InlineData("obj")]
    [InlineData("list")]
    [InlineData("s")]
    [InlineData("big")]
    public void GetInt_WrongType_FailsNamingPathAndValue(string path)
    {
        var act = () => Config.GetInt(path);
        var error = act.Should().Throw<HoconException>().Which;
        error.Path.Should().Be(path);
        error.Reason.Should().Contain(path).And.Contain("expected");
    }

    [Fact]
    public void GetString_Missing_FailsNamingPath()
    {
        var act = () => Config.GetString("a.b");
        act.Should().Throw<HoconException>().Which.Reason.Should().Contain("no setting at 'a.b'");
    }

    [Fact]
    public void GetConfig_ReturnsSubtree()
    {
        var inner = Config.GetConfig("obj.inner");
        inner.GetInt("x").Should().Be(1);
        inner.ToJson(false).Should().Be("""{"x":1}""");
    }

    // HOCON.md "Config object merging and file merging": merging works like duplicate keys.
    [Fact]
    public void WithFallback_MergesObjectsAndKeepsOverrides()
    {
        var app = HoconAssert.Parse("a { x = 1 }\nb = 2");
        var reference = HoconAssert.Parse("a { x = 0, y = 0 }\nb { deep = 1 }\nc = 3");
        app.WithFallback(reference).ToJson(false).Should().Be("""{"a":{"x":1,"y":0},"b":2,"c":3}""");
        reference.ToJson(false).Should().Be("""{"a":{"x":0,"y":0},"b":{"deep":1},"c":3}""", "merging does not change the inputs");
    }

    [Fact]
    public void Origin_RecordsSourceLineAndColumn()
    {
        var config = HoconConfig.Parse("a = 1\n  b = \"x\"", "my.conf");
        var origin = config.GetValue("b")!.Origin;
        origin.Should().Be(new HoconOrigin("my.conf", 2, 7));
        origin.ToString().Should().Be("my.conf:2:7");
    }

    [Fact]
    public void ToHocon_RendersReadableTextThatParsesBack()
    {
        var text = Config.ToHocon();
        text.Should().Contain("s = \"hello\"").And.Contain("inner {");
        HoconAssert.Parse(text).ToJson().Should().Be(Config.ToJson());
    }

    [Fact]
    public void ToJson_KeepsNumbersAsWritten()
    {
        HoconAssert.Parse("a = 1e5\nb = 1.50").ToJson(false).Should().Be("""{"a":1e5,"b":1.50}""");
    }
}
