using FluentAssertions;
using IoActors.Hocon.Tests.Support;
using Xunit;

namespace IoActors.Hocon.Tests;

public sealed class SyntaxTests
{
    // HOCON.md "Unchanged from JSON": valid JSON parses to the same data.
    [Fact]
    public void Parse_PlainJson_KeepsTypesAndOrder()
    {
        HoconAssert.ParsesTo("""{"a": 1, "b": "x", "c": [true, false, null], "d": {"e": -1.5e3}}""",
            """{"a":1,"b":"x","c":[true,false,null],"d":{"e":-1.5e3}}""");
    }

    // HOCON.md "Comments": # and // to the end of the line, not inside quoted strings.
    [Fact]
    public void Parse_Comments_AreIgnoredOutsideQuotes()
    {
        HoconAssert.ParsesTo("""
            # a comment
            a = 1 // trailing comment
            // another
            b = "# not a comment // either"
            c = 2 # after a value
            """, """{"a":1,"b":"# not a comment // either","c":2}""");
    }

    // HOCON.md "Omit root braces".
    [Fact]
    public void Parse_RootBracesOmitted_IsAnObject()
    {
        HoconAssert.ParsesTo("a = 1\nb = 2", """{"a":1,"b":2}""");
    }

    // HOCON.md "Omit root braces": an empty file is an empty object.
    [Fact]
    public void Parse_EmptyText_IsAnEmptyObject()
    {
        HoconAssert.ParsesTo("  # only a comment\n", "{}");
    }

    // HOCON.md "Key-value separator": = and : are equivalent; before { the separator may be omitted.
    [Fact]
    public void Parse_Separators_AllowEqualsColonOrNothingBeforeBrace()
    {
        HoconAssert.ParsesTo("a = 1, b : 2, c { d = 3 }, e = { f = 4 }", """{"a":1,"b":2,"c":{"d":3},"e":{"f":4}}""");
    }

    // HOCON.md "Commas": newlines separate; one trailing comma is allowed.
    [Fact]
    public void Parse_NewlinesAndTrailingComma_SeparateElements()
    {
        HoconAssert.ParsesTo("a = [1\n2\n3,]\nb = { x = 1, }\n", """{"a":[1,2,3],"b":{"x":1}}""");
    }

    // HOCON.md "Commas": [1,,2] and [,1] are invalid.
    [Theory]
    [InlineData("a = [1,,2]")]
    [InlineData("a = [,1]")]
    [InlineData("a = [1,2,,]")]
    [InlineData("a = 1,,b = 2")]
    public void Parse_DoubleOrLeadingComma_Fails(string text)
    {
        HoconAssert.Fails(text).Reason.Should().Contain("unexpected ','");
    }

    // HOCON.md "Whitespace": Unicode spaces and the BOM are whitespace.
    [Fact]
    public void Parse_UnicodeWhitespaceAndBom_AreWhitespace()
    {
        HoconAssert.ParsesTo("\uFEFFa\u00A0=\u2007 1\u202F\n", """{"a":1}""");
    }

    // HOCON.md "Duplicate keys and object merging": later non-object wins; objects merge.
    [Fact]
    public void Parse_DuplicateKeys_LaterWinsAndObjectsMerge()
    {
        HoconAssert.ParsesTo("""
            a = 1
            a = 2
            foo { x = 1, y = { z = 1 } }
            foo { y = { w = 2 }, x = 3 }
            """, """{"a":2,"foo":{"x":3,"y":{"z":1,"w":2}}}""");
    }

    // HOCON.md "Duplicate keys and object merging": an intervening null blocks the merge.
    [Fact]
    public void Parse_NullBetweenObjects_BlocksMerge()
    {
        HoconAssert.ParsesTo("""
            foo : { a : 42 },
            foo : null,
            foo : { b : 43 }
            """, """{"foo":{"b":43}}""");
    }

    // HOCON.md "Unquoted strings": unquoted text; true/false/null/numbers only when the whole token is one.
    [Fact]
    public void Parse_UnquotedStrings_KeepTextAndRecogniseLiterals()
    {
        HoconAssert.ParsesTo("a = hello, b = true, c = truefoo, d = 10.0bar, e = bar10.0, f = -5, g = null, h = /usr/bin",
            """{"a":"hello","b":true,"c":"truefoo","d":"10.0bar","e":"bar10.0","f":-5,"g":null,"h":"/usr/bin"}""");
    }

    // HOCON.md "Unquoted strings": forbidden characters must be quoted.
    [Theory]
    [InlineData("a = b@c")]
    [InlineData("a = x^y")]
    [InlineData("a = http://example.com")]
    public void Parse_ForbiddenCharacterInUnquotedString_Fails(string text)
    {
        HoconAssert.Fails(text).Reason.Should().Contain("unexpected");
    }

    // HOCON.md "Unchanged from JSON": quoted strings use JSON escapes.
    [Fact]
    public void Parse_QuotedString_DecodesJsonEscapes()
    {
        HoconAssert.Parse("""a = "tab\there \"q\" \u00e9 \\ \/" """).GetString("a").Should().Be("tab\there \"q\" é \\ /");
    }

    // HOCON.md "Multi-line strings": raw text, no escapes, extra closing quotes belong to the string.
    [Fact]
    public void Parse_TripleQuotedString_IsRawAndMultiLine()
    {
        var config = HoconAssert.Parse("a = \"\"\"line1\n  \\n line2\"\"\"\nb = \"\"\"foo\"\"\"\"\n");
        config.GetString("a").Should().Be("line1\n  \\n line2");
        config.GetString("b").Should().Be("foo\"");
    }

    // HOCON.md "String value concatenation": whitespace between simple values is kept; ends are trimmed.
    [Fact]
    public void Parse_StringConcatenation_KeepsInnerWhitespace()
    {
        HoconAssert.ParsesTo("a =   foo  bar \"baz\" 1 true  \n", """{"a":"foo  bar baz 1 true"}""");
    }

    // HOCON.md "String value concatenation": a single value keeps its type.
    [Fact]
    public void Parse_SingleValue_IsNotConvertedToString()
    {
        HoconAssert.ParsesTo("a = true\nb = 42\nc = [ true ]", """{"a":true,"b":42,"c":[true]}""");
    }

    // HOCON.md "Array and object concatenation".
    [Fact]
    public void Parse_ArrayAndObjectConcatenation_CombinesValues()
    {
        HoconAssert.ParsesTo("a = [1, 2] [3, 4]\nb = { x = 1 } { y = 2 }", """{"a":[1,2,3,4],"b":{"x":1,"y":2}}""");
    }

    // HOCON.md "Note: Arrays without commas or newlines".
    [Fact]
    public void Parse_ArrayElementsSeparatedBySpaces_Concatenate()
    {
        HoconAssert.ParsesTo("a = [ 1 2 3 4 ]\nb = [ [ 1, 2 ] [ 3, 4 ] ]\nc = [ [ 1, 2 ]\n [ 3, 4 ] ]",
            """{"a":["1 2 3 4"],"b":[[1,2,3,4]],"c":[[1,2],[3,4]]}""");
    }

    // HOCON.md "Array and object concatenation": mixing arrays/objects with strings is an error.
    [Fact]
    public void Parse_ArrayConcatenatedWithString_Fails()
    {
        HoconAssert.Fails("a = [1] foo").Reason.Should().Contain("cannot concatenate");
    }

    // HOCON.md "Path expressions" and "Paths as keys".
    [Fact]
    public void Parse_DottedKeys_ExpandToNestedObjects()
    {
        HoconAssert.ParsesTo("""
            foo.bar.baz = 1
            foo.bar.qux = 2
            "a.b".c = 3
            a b c = 4
            10.0foo = 5
            true = 6
            a."".b = 7
            """, """{"foo":{"bar":{"baz":1,"qux":2}},"a.b":{"c":3},"a b c":4,"10":{"0foo":5},"true":6,"a":{"":{"b":7}}}""");
    }

    // HOCON.md "Path expressions": a..b, .a and a. are invalid.
    [Theory]
    [InlineData("a..b = 1")]
    [InlineData(".a = 1")]
    [InlineData("a. = 1")]
    public void Parse_EmptyPathElement_Fails(string text)
    {
        HoconAssert.Fails(text).Reason.Should().Contain("empty path element");
    }

    // HOCON.md "Include syntax": include is only special at the start of a key.
    [Fact]
    public void Parse_IncludeWordElsewhere_IsAnOrdinaryString()
    {
        HoconAssert.ParsesTo("foo include = 42\nbar = include\nbaz = [ include ]\n\"include\" = 1",
            """{"foo include":42,"bar":"include","baz":["include"],"include":1}""");
    }

    // HOCON.md "Conversion of numerically-indexed objects to arrays": lazily, when a list is requested.
    [Fact]
    public void GetList_ObjectWithNumericKeys_ConvertsToSortedArray()
    {
        var config = HoconAssert.Parse("foo.2 = c\nfoo.0 = a\nfoo.x = ignored\nfoo.1 = b");
        config.GetStringList("foo").Should().Equal("a", "b", "c");
        config.GetValue("foo").Should().BeOfType<HoconObject>("the conversion is lazy");
    }

    // HOCON.md "Conversion of numerically-indexed objects to arrays": in a concatenation where a list is expected.
    [Fact]
    public void Parse_ArrayConcatenatedWithNumericObject_ConvertsObject()
    {
        HoconAssert.ParsesTo("o { 1 = b, 0 = a }\nl = [x] ${o}", """{"o":{"1":"b","0":"a"},"l":["x","a","b"]}""");
    }

    [Fact]
    public void Parse_ArrayAtRoot_FailsBecauseConfigIsAnObject()
    {
        HoconAssert.Fails("[1, 2]").Reason.Should().Contain("expected an object at the root");
    }
}
