using FluentAssertions;
using IoActors.Hocon.Tests.Support;
using Xunit;

namespace IoActors.Hocon.Tests;

/// <summary>
/// How values are stored after a parse (scalars kept as slices of their text until read, large objects indexed on
/// first search, objects and arrays resolved in place): what a reader sees must not depend on it.
/// </summary>
public sealed class StorageTests
{
    // A scalar of an included file merged into an object of the including file keeps its own file and position.
    [Fact]
    public void Load_ValuesMergedAcrossFiles_KeepTheirOwnOrigin()
    {
        using var folder = new TempFolder();
        folder.Write("base.conf", "b { x = one, list = [1, \"two\"] }");
        var main = folder.Write("main.conf", "include \"base.conf\"\nb { y = two }\nb.z = three");
        var config = HoconConfig.Load(main, HoconAssert.NoEnvironment);

        config.GetValue("b.x")!.Origin.Should().Be(new HoconOrigin(Path.Combine(folder.Path, "base.conf"), 1, 9));
        config.GetValue("b.y")!.Origin.Should().Be(new HoconOrigin(main, 2, 9));
        config.GetValue("b.z")!.Origin.Should().Be(new HoconOrigin(main, 3, 7));
        config.GetList("b.list")[1].Origin.Should().Be(new HoconOrigin(Path.Combine(folder.Path, "base.conf"), 1, 25));
        config.ToJson(false).Should().Be("""{"b":{"x":"one","list":[1,"two"],"y":"two","z":"three"}}""");
    }

    // A value read twice is the same object, and keeps its kind and text.
    [Fact]
    public void Parse_ScalarReadTwice_IsTheSameValue()
    {
        var config = HoconConfig.Parse("a = 10ms\nb = \"q\"\nc = true\nd = null\ne = -1.5e3\nf = [x, 2]");
        config.GetValue("a").Should().BeSameAs(config.GetValue("a"));
        config.GetList("f")[0].Should().BeSameAs(config.GetList("f")[0]);
        config.Root.Values.Select(v => v.Kind).Should().Equal(
            HoconValueKind.String, HoconValueKind.String, HoconValueKind.Boolean, HoconValueKind.Null, HoconValueKind.Number, HoconValueKind.Array);
        config.GetString("a").Should().Be("10ms");
        config.GetString("b").Should().Be("q");
        config.GetBoolean("c").Should().BeTrue();
        config.HasPath("d").Should().BeFalse();
        config.GetDouble("e").Should().Be(-1500);
    }

    // Objects past the linear-search size: repeated keys merge or replace, and every key is found.
    [Fact]
    public void Parse_LargeObjectWithRepeatedKeys_FindsEveryField()
    {
        var lines = Enumerable.Range(0, 40).Select(i => $"k{i} = {i}").ToList();
        lines.AddRange(Enumerable.Range(0, 40).Where(i => i % 3 == 0).Select(i => $"k{i} = again{i}"));
        lines.Add("k5 { nested = true }");
        lines.Add("k5.more = 1");
        var config = HoconConfig.Parse(string.Join('\n', lines));

        config.Root.Count.Should().Be(40);
        config.Root.Keys.Should().Equal(Enumerable.Range(0, 40).Select(i => $"k{i}"));
        for (var i = 0; i < 40; i++)
        {
            if (i == 5)
            {
                config.GetConfig("k5").ToJson(false).Should().Be("""{"nested":true,"more":1}""");
            }
            else
            {
                config.GetString($"k{i}").Should().Be(i % 3 == 0 ? $"again{i}" : $"{i}");
            }
        }

        config.Root.ContainsKey("k40").Should().BeFalse();
    }

    // Undefined optional substitutions drop their field or element; the rest keep their order and values.
    [Fact]
    public void Parse_UndefinedOptionalSubstitutions_AreRemovedInPlace()
    {
        var text = "a = 1\nb = ${?nope}\nc = [x, ${?nope}, ${a}, y]\nd { e = ${?nope}, f = ${a} }\ng = ${d}";
        HoconConfig.Parse(text, options: HoconAssert.NoEnvironment).ToJson(false)
            .Should().Be("""{"a":1,"c":["x",1,"y"],"d":{"f":1},"g":{"f":1}}""");
    }
}
