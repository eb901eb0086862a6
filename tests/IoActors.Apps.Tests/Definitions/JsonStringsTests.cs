using System.Text;
using FluentAssertions;
using IoActors.Apps.Definitions;
using Xunit;

namespace IoActors.Apps.Tests.Definitions;

/// <summary>The string checks the readers share: exact on escapes, and the cheap whole-input test never misses one.</summary>
public sealed class JsonStringsTests
{
    [Theory]
    [InlineData(@"plain text", null)]
    [InlineData(@"\\udc00", null)]                     // an escaped backslash, then text
    [InlineData(@"\ud83d\ude00", null)]
    [InlineData(@"\uD83D\uDE00 and \u00e9 and \n", null)]
    [InlineData(@"\udc00", "a low surrogate without a high one before it")]
    [InlineData(@"\\\udc00", "a low surrogate without a high one before it")] // an escaped backslash, then the escape
    [InlineData(@"x\ud83d", "a high surrogate without a low one after it")]
    [InlineData(@"\ud83d\u0041", "a high surrogate without a low one after it")]
    [InlineData(@"\ud83d\ud83d\ude00", "a high surrogate without a low one after it")]
    public void Problem_Escapes_AreJudgedExactly(string raw, string? problem)
    {
        var found = JsonStrings.Problem(Encoding.ASCII.GetBytes(raw));

        if (problem is null)
        {
            found.Should().BeNull();
        }
        else
        {
            found.Should().Contain(problem);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0x80 })]             // overlong
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]       // a UTF-8-encoded surrogate
    [InlineData(new byte[] { (byte)'a', 0xFF })]
    [InlineData(new byte[] { 0xE2, 0x82 })]             // truncated
    public void Problem_BytesThatAreNotUtf8_AreFound(byte[] raw)
    {
        JsonStrings.Problem(raw).Should().StartWith("bytes that are not UTF-8");
    }

    [Theory]
    [InlineData("""{"a": "\udc00"}""", true)]
    [InlineData("""{"a": "\uDBFF\uDFFF"}""", true)]   // a valid pair still asks for the exact scan
    [InlineData("""{"a": "\u00e9\u0026"}""", false)]
    [InlineData("""{"a": "\\u0041"}""", false)]
    [InlineData("""{"a": "x"}""", false)]
    public void MayHaveInvalidStrings_AnySurrogateEscape_AsksForTheScan(string json, bool expected)
    {
        JsonStrings.MayHaveInvalidStrings(Encoding.UTF8.GetBytes(json)).Should().Be(expected);
    }

    [Fact]
    public void ShowRaw_BytesThatAreNotUtf8_ShowAsHexEscapesAndEscapesAsWritten()
    {
        byte[] json = [.. "\"a\\u0041"u8, 0xFF, 0xFE, (byte)'"'];

        JsonStrings.ShowRaw(json).Should().Be("\"a\\u0041\\xFF\\xFE\"");
    }

    [Fact]
    public void ShowRaw_LongText_IsCutBetweenCharacters()
    {
        // "x, then pairs: the 57th character (the last one kept) would be the first half of a pair.
        var shown = JsonStrings.ShowRaw(Encoding.UTF8.GetBytes("\"x" + string.Concat(Enumerable.Repeat("\U0001F600", 100)) + "\""));

        shown.Should().Be("\"x" + string.Concat(Enumerable.Repeat("\U0001F600", 27)) + "...");
    }
}
