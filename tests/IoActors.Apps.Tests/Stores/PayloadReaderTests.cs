using System.Text;
using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Stores;
using IoActors.Apps.Tests.Stores.Support;
using IoActors.Testing;
using Xunit;

namespace IoActors.Apps.Tests.Stores;

public sealed class PayloadReaderTests
{
    private static PayloadResult Read(PayloadReader reader, string json) => reader.Read(Encoding.UTF8.GetBytes(json), "http://store/apps");

    [Fact]
    public void Read_UnchangedRecords_AreReusedAndOnlyChangedOnesAreNew()
    {
        var reader = new PayloadReader(StoreKind.Regular, null, allowArray: false);
        var first = Read(reader, Defs.Response(Defs.Window("one"), Defs.Window("two")));
        var second = Read(reader, Defs.Response(Defs.Window("one"), Defs.Window("two", "https://two.v2/")));
        second.Definitions[0].Should().BeSameAs(first.Definitions[0]);
        second.Definitions[1].Should().NotBeSameAs(first.Definitions[1]);
        second.Definitions[1].ContentHash.Should().NotBe(first.Definitions[1].ContentHash);
    }

    [Theory]
    [InlineData("""{"applications": {}}""", "\"applications\" is object, not an array")]
    [InlineData("""[{"name": "x"}]""", "the response is array, not {\"applications\": [...]}")]
    [InlineData("""{"apps": []}""", "the response has no \"applications\" array")]
    [InlineData("42", "the response is number")]
    public void Read_WrongShape_IsFatalAndSaysWhy(string json, string expected)
    {
        var result = Read(new PayloadReader(StoreKind.Regular, null, allowArray: false), json);
        result.Fatal.Should().NotBeNull();
        result.Fatal!.Message.Should().StartWith(expected);
    }

    [Theory]
    [InlineData("""{"applications": []} trailing""")]
    [InlineData("{\"applications\": [\n  {\"name\": \"a\",\n")]
    [InlineData("")]
    public void Read_InvalidJson_IsFatalWithAPosition(string json)
    {
        var result = Read(new PayloadReader(StoreKind.Regular, null, allowArray: false), json);
        result.Fatal!.Message.Should().StartWith("invalid JSON");
        result.Fatal.Line.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Read_ArrayAllowedCommentsAndTrailingCommas_AreAccepted()
    {
        var result = Read(new PayloadReader(StoreKind.Regular, null, allowArray: true), $"// apps\n[{Defs.Window("one")}, {Defs.Window("two")},]");
        result.Fatal.Should().BeNull();
        result.Definitions.Select(d => d.Name).Should().Equal("one", "two");
    }

    [Fact]
    public void Read_DuplicateAndInvalidRecords_AreReportedAtTheirLines()
    {
        var result = Read(new PayloadReader(StoreKind.Regular, null, allowArray: false),
            Defs.Response(Defs.Window("one"), Defs.Window("one"), """{"name": "bad", "type": "window", "details": {"url": 1}}"""));
        result.Definitions.Should().ContainSingle();
        result.Problems.Should().Contain(p => p.Line == 2 && p.Message.Contains("already defined", StringComparison.Ordinal));
        result.Problems.Should().Contain(p => p.Line == 3 && p.AppName == "bad");
        result.RejectedNames.Should().Equal("bad");
    }
}
