using FluentAssertions;
using IoActors.Hocon.Tests.Support;
using Xunit;

namespace IoActors.Hocon.Tests;

/// <summary>
/// Whitespace, newlines and comments around keys and their separators, from HOCON.md: "The `=` character can be used
/// anywhere JSON allows `:`" (and JSON allows any whitespace, newlines included, on both sides of `:`); "If a key is
/// followed by `{`, the `:` or `=` may be omitted"; "Anything between `//` or `#` and the next newline is considered a
/// comment and ignored"; "Value concatenations never span a newline", so a key never continues on the next line.
/// </summary>
public sealed class SeparatorSpacingTests
{
    // "anywhere JSON allows `:`": JSON allows a newline between a key and `:`, and between `:` and the value.
    [Theory]
    [InlineData("\"floats\"\n: [1.5, 2.5]", """{"floats":[1.5,2.5]}""")]
    [InlineData("floats\n: [1.5, 2.5]", """{"floats":[1.5,2.5]}""")]
    [InlineData("a\n= 1\nb\n\n\n: 2", """{"a":1,"b":2}""")]
    [InlineData("a.b\n= 1", """{"a":{"b":1}}""")]
    [InlineData("a b\n: 1", """{"a b":1}""")]
    [InlineData("a :\n1", """{"a":1}""")]
    [InlineData("a\n=\n1", """{"a":1}""")]
    [InlineData("{ \"a\"\n:\n1,\n\"b\"\n: 2 }", """{"a":1,"b":2}""")]
    [InlineData("o { x\n= 1 }", """{"o":{"x":1}}""")]
    [InlineData("a = [ { x\n: 1 } ]", """{"a":[{"x":1}]}""")]
    public void Parse_NewlineBetweenKeyAndSeparator_IsAField(string text, string json)
    {
        HoconAssert.ParsesTo(text, json);
    }

    // "If a key is followed by `{`, the `:` or `=` may be omitted", with whitespace (a newline) in between as JSON allows.
    [Theory]
    [InlineData("\"floats\"\n{ a = 1 }", """{"floats":{"a":1}}""")]
    [InlineData("floats\n{\n  a = 1\n}", """{"floats":{"a":1}}""")]
    [InlineData("outer {\n  inner\n  {\n    a = 1\n  }\n}", """{"outer":{"inner":{"a":1}}}""")]
    [InlineData("a.b\n\n{ c = 1 }", """{"a":{"b":{"c":1}}}""")]
    public void Parse_NewlineBetweenKeyAndBrace_IsAnObjectField(string text, string json)
    {
        HoconAssert.ParsesTo(text, json);
    }

    // "Anything between `//` or `#` and the next newline is considered a comment and ignored", also after a key.
    [Theory]
    [InlineData("key # comment\n: value", """{"key":"value"}""")]
    [InlineData("key // comment\n= value", """{"key":"value"}""")]
    [InlineData("\"key\" # comment\n# another\n: 1", """{"key":1}""")]
    [InlineData("key # comment\n{ a = 1 }", """{"key":{"a":1}}""")]
    [InlineData("key # comment\n// more\n\n+= 1", """{"key":[1]}""")]
    [InlineData("key = # comment\n  1", """{"key":1}""")]
    [InlineData("key : // comment\n  { a = 1 }", """{"key":{"a":1}}""")]
    [InlineData("key#comment\n=1", """{"key":1}""")]
    public void Parse_CommentBetweenKeyAndSeparator_IsIgnored(string text, string json)
    {
        HoconAssert.ParsesTo(text, json);
    }

    // HOCON.md "Whitespace": Unicode space, line and paragraph separators and the listed control characters are
    // whitespace, but only ASCII 0x0A is a newline; all of them may stand between a key and its separator.
    [Theory]
    [InlineData("a\u00A0=\u00A01", """{"a":1}""")]
    [InlineData("a\u2028\u2029= 1", """{"a":1}""")]
    [InlineData("a\t\u000B\u000C\r\n\u001C\u001D\u001E\u001F: 1", """{"a":1}""")]
    [InlineData("a\r\n=\r\n1\r\nb\r\n{ c = 2 }", """{"a":1,"b":{"c":2}}""")]
    public void Parse_AnyWhitespaceBetweenKeyAndSeparator_IsAField(string text, string json)
    {
        HoconAssert.ParsesTo(text, json);
    }

    // "Value concatenations never span a newline": a key ends at the newline, so a word on the next line is not part of it.
    [Theory]
    [InlineData("a\nb = 1", 2, 1, "after the key 'a', found 'b'")]
    [InlineData("a # comment\nb : 1", 2, 1, "after the key 'a', found 'b'")]
    [InlineData("a\n\n", 3, 1, "after the key 'a', found end of file")]
    [InlineData("a # comment", 1, 12, "after the key 'a', found end of file")]
    [InlineData("{ a\n}", 2, 1, "after the key 'a', found '}'")]
    [InlineData("a\n, b = 1", 2, 1, "after the key 'a', found ','")]
    public void Parse_KeyWithoutSeparator_ReportsWhereTheSeparatorIsMissing(string text, int line, int column, string expected)
    {
        var error = HoconAssert.Fails(text);
        error.Reason.Should().Contain("expected ':', '=', '+=' or '{'").And.Contain(expected);
        (error.Line, error.Column).Should().Be((line, column), error.Message);
    }

    // The line numbers after such a field stay right (the newlines between key and separator are counted).
    [Fact]
    public void Parse_NewlinesInsideAField_KeepLaterLineNumbers()
    {
        HoconAssert.Fails("a\n:\n1\nb\n=\n").Line.Should().Be(6);
    }
}
