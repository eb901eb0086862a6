using FluentAssertions;
using IoActors.Hocon.Tests.Support;
using Xunit;

namespace IoActors.Hocon.Tests;

public sealed class IncludeTests
{
    // HOCON.md "Include syntax" / "Include semantics: merging": keys of the included file replace the statement.
    [Fact]
    public void Load_IncludeQuotedFile_MergesInPlace()
    {
        using var folder = new TempFolder();
        folder.Write("base.conf", "a = 1\nb { x = 1 }");
        var main = folder.Write("main.conf", "a = 0\ninclude \"base.conf\"\nb { y = 2 }");
        HoconConfig.Load(main, HoconAssert.NoEnvironment).ToJson(false).Should().Be("""{"a":1,"b":{"x":1,"y":2}}""");
    }

    // HOCON.md "Include semantics: locating resources": relative to the including file, not the current directory.
    [Fact]
    public void Load_NestedIncludes_ResolveRelativeToIncludingFile()
    {
        using var folder = new TempFolder();
        folder.Write("conf/sub/leaf.conf", "leaf = true");
        folder.Write("conf/middle.conf", "include file(\"sub/leaf.conf\")\nmiddle = true");
        var main = folder.Write("main.conf", "include required(file(\"conf/middle.conf\"))");
        HoconConfig.Load(main, HoconAssert.NoEnvironment).ToJson(false).Should().Be("""{"leaf":true,"middle":true}""");
    }

    // HOCON.md "Include semantics: missing files": a missing include is ignored unless required.
    [Fact]
    public void Load_MissingInclude_IgnoredUnlessRequired()
    {
        using var folder = new TempFolder();
        var optional = folder.Write("optional.conf", "include \"nope.conf\"\na = 1");
        HoconConfig.Load(optional).ToJson(false).Should().Be("""{"a":1}""");

        var required = folder.Write("required.conf", "a = 1\ninclude required(\"nope.conf\")");
        var act = () => HoconConfig.Load(required);
        var error = act.Should().Throw<HoconException>().Which;
        error.Reason.Should().Contain("required include 'nope.conf' not found");
        error.Line.Should().Be(2);
        error.File.Should().Be(required);
    }

    // HOCON.md "Include semantics: substitution": substitutions are fixed up relative to where the file is included.
    [Fact]
    public void Load_IncludeInsideObject_FixesUpSubstitutions()
    {
        using var folder = new TempFolder();
        folder.Write("foo.conf", "x = 10\ny = ${x}\nz = ${top}");
        var main = folder.Write("main.conf", "top = t\na { include \"foo.conf\" }\na { x = 42 }");
        HoconConfig.Load(main, HoconAssert.NoEnvironment).ToJson(false).Should().Be("""{"top":"t","a":{"x":42,"y":42,"z":"t"}}""");
    }

    // HOCON.md "Include semantics: file formats and extensions": no extension tries .json then .conf (conf last wins).
    [Fact]
    public void Load_IncludeWithoutExtension_LoadsJsonThenConf()
    {
        using var folder = new TempFolder();
        folder.Write("both.json", """{"a": 1, "b": 1}""");
        folder.Write("both.conf", "b = 2");
        var main = folder.Write("main.conf", "include \"both\"");
        HoconConfig.Load(main).ToJson(false).Should().Be("""{"a":1,"b":2}""");
    }

    // HOCON.md "Include semantics: merging": an included file must hold an object.
    [Fact]
    public void Load_IncludedArray_Fails()
    {
        using var folder = new TempFolder();
        folder.Write("array.json", "[1, 2]");
        var main = folder.Write("main.conf", "include \"array.json\"");
        var act = () => HoconConfig.Load(main);
        act.Should().Throw<HoconException>().Which.Reason.Should().Contain("expected an object");
    }

    [Fact]
    public void Load_IncludeCycle_FailsNamingFiles()
    {
        using var folder = new TempFolder();
        folder.Write("a.conf", "include \"b.conf\"");
        folder.Write("b.conf", "include \"a.conf\"");
        var act = () => HoconConfig.Load(Path.Combine(folder.Path, "a.conf"));
        act.Should().Throw<HoconException>().Which.Reason.Should().Contain("include cycle: a.conf -> b.conf -> a.conf");
    }

    // HOCON.md "Include syntax": the argument must be a quoted string (url()/classpath() are not supported here).
    [Theory]
    [InlineData("include foo.conf", "expected a quoted file name")]
    [InlineData("include url(\"http://x/y.conf\")", "not supported")]
    [InlineData("include classpath(\"x.conf\")", "not supported")]
    [InlineData("include \"http://x/y.conf\"", "not supported")]
    public void Parse_BadInclude_Fails(string text, string message)
    {
        HoconAssert.Fails(text).Reason.Should().Contain(message);
    }

    [Fact]
    public void Load_ErrorInIncludedFile_ReportsThatFile()
    {
        using var folder = new TempFolder();
        var bad = folder.Write("bad.conf", "a = 1\nb = [1, 2\n");
        var main = folder.Write("main.conf", "include \"bad.conf\"");
        var act = () => HoconConfig.Load(main);
        var error = act.Should().Throw<HoconException>().Which;
        error.File.Should().Be(bad);
        error.Line.Should().Be(3);
    }
}
