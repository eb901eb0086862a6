using FluentAssertions;
using IoActors.Hocon.Tests.Support;
using Xunit;

namespace IoActors.Hocon.Tests;

public sealed class ErrorTests
{
    // Every malformed input reports the line and column where the problem is and what was expected.
    [Theory]
    [InlineData("a = 1\nb = ", 2, 5, "expected a value")]
    [InlineData("a {\n  b = 1\n", 3, 1, "expected '}'")]
    [InlineData("a = [1, 2\n", 2, 1, "expected ']'")]
    [InlineData("a = 1 }", 1, 7, "unbalanced '}'")]
    [InlineData("a = \"abc\nb = 1", 1, 5, "unterminated string")]
    [InlineData("a = \"\"\"abc", 1, 5, "unterminated \"\"\"")]
    [InlineData("a = \"bad \\q escape\"", 1, 10, "invalid escape")]
    [InlineData("a 1", 1, 4, "expected ':', '=', '+=' or '{' after the key '\"a 1\"'")]
    [InlineData("a = 1 b = 2", 1, 9, "unexpected '='")]
    [InlineData("{ a = 1, b = 2 } c", 1, 18, "expected end of file")]
    [InlineData("a = ${b", 1, 8, "expected '}' to close the substitution")]
    [InlineData("a = $b", 1, 5, "unexpected '$'")]
    [InlineData("a = { b = 1 } { c = 2 } x", 1, 5, "cannot concatenate")]
    [InlineData("\n\n   = 1", 3, 4, "expected a key")]
    [InlineData("a = [1 2, 3 }", 1, 13, "expected ',' or a newline between array elements, found '}'")]
    public void Parse_Malformed_ReportsLineColumnAndExpectation(string text, int line, int column, string expected)
    {
        var error = HoconAssert.Fails(text);
        error.Reason.Should().Contain(expected);
        (error.Line, error.Column).Should().Be((line, column), error.Message);
    }

    [Fact]
    public void Message_HasFileLineColumnPrefix()
    {
        var act = () => HoconConfig.Parse("a = [", "conf/app.conf");
        act.Should().Throw<HoconException>().Which.Message.Should().StartWith("conf/app.conf:1:6: expected ']'");
    }

    [Fact]
    public void Load_MissingFile_FailsWithFileName()
    {
        var act = () => HoconConfig.Load("/definitely/not/here.conf");
        var error = act.Should().Throw<HoconException>().Which;
        error.Message.Should().Be("/definitely/not/here.conf: file not found");
    }

    [Fact]
    public void Parse_DeepNesting_FailsInsteadOfOverflowingTheStack()
    {
        var text = "a = " + new string('[', 100_000) + new string(']', 100_000);
        HoconAssert.Fails(text).Reason.Should().Contain("nested more than");
    }

    [Fact]
    public void Parse_VeryLongDottedKey_FailsInsteadOfBuildingAnUnboundedTree()
    {
        var text = string.Join('.', Enumerable.Repeat("a", 50_000)) + " = 1";
        HoconAssert.Fails(text).Reason.Should().Contain("nested more than");
    }

    [Fact]
    public void Resolve_LongSubstitutionChain_FailsInsteadOfOverflowingTheStack()
    {
        var text = string.Join('\n', Enumerable.Range(0, 5000).Select(i => $"k{i} = ${{k{i + 1}}}")) + "\nk5000 = 1";
        HoconAssert.Fails(text).Reason.Should().Contain("nested more than");
    }

    [Fact]
    public void GetPath_InvalidPathExpression_Fails()
    {
        var config = HoconAssert.Parse("a = 1");
        var act = () => config.GetValue("a..b");
        act.Should().Throw<HoconException>().Which.Reason.Should().Contain("empty path element");
    }
}
