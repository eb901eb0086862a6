using FluentAssertions;
using IoActors.Apps.Definitions;
using Xunit;

namespace IoActors.Apps.Tests.Definitions;

public sealed class ContentHashTests
{
    private const string Original = """{"name": "h", "type": "window", "details": {"url": "https://x", "width": 400, "zoom": {"factors": [50, 100], "enabled": true}}, "keywords": ["a", "b"]}""";

    [Fact]
    public void ContentHash_KeysReorderedAtEveryLevelAndWhitespaceChanged_IsTheSame()
    {
        const string reordered = """
            {
              "keywords": [ "a", "b" ],
              "details": { "zoom": { "enabled": true, "factors": [ 50, 100 ] }, "width": 400, "url": "https://x" },
              "type": "window",
              // comments do not count either
              "name": "h"
            }
            """;

        var a = AppDefinition.Parse(Original);
        var b = AppDefinition.Parse(reordered);

        b.ContentHash.Should().Be(a.ContentHash);
        b.Should().Be(a);
        b.GetHashCode().Should().Be(a.GetHashCode());
    }

    [Fact]
    public void ContentHash_NumberSpelling_DoesNotCount()
    {
        var a = AppDefinition.Parse("""{"name": "h", "n": 400, "d": 0.5}""");
        var b = AppDefinition.Parse("""{"name": "h", "n": 400.0, "d": 5e-1}""");

        b.ContentHash.Should().Be(a.ContentHash);
        b.Should().Be(a);
    }

    [Theory]
    [InlineData("""{"name": "h", "type": "window", "details": {"url": "https://y", "width": 400, "zoom": {"factors": [50, 100], "enabled": true}}, "keywords": ["a", "b"]}""")]
    [InlineData("""{"name": "h", "type": "window", "details": {"url": "https://x", "width": 400, "zoom": {"factors": [100, 50], "enabled": true}}, "keywords": ["a", "b"]}""")]
    [InlineData("""{"name": "h", "type": "window", "details": {"url": "https://x", "width": "400", "zoom": {"factors": [50, 100], "enabled": true}}, "keywords": ["a", "b"]}""")]
    [InlineData("""{"name": "h", "type": "window", "details": {"url": "https://x", "width": 400, "zoom": {"factors": [50, 100], "enabled": true}}, "keywords": ["a", "b"], "extra": null}""")]
    public void ContentHash_AnyValueOrArrayOrderChange_IsDifferent(string changed)
    {
        var a = AppDefinition.Parse(Original);
        var b = AppDefinition.Parse(changed);

        b.ContentHash.Should().NotBe(a.ContentHash);
        b.Should().NotBe(a);
    }

    [Fact]
    public void ContentHash_SameContent_IsStableAcrossCalls()
    {
        var a = AppDefinition.Parse(Original);

        // Pinned: the hash may be persisted for change detection, so the canonical form must not drift between runs or versions.
        const string canonical = """{"details":{"url":"https://x","width":400,"zoom":{"enabled":true,"factors":[50,100]}},"keywords":["a","b"],"name":"h","type":"window"}""";
        System.Text.Encoding.UTF8.GetString(CanonicalJson.ToBytes(a.Json)).Should().Be(canonical);
        a.ContentHash.Should().Be(0x8F823BF43EC04946UL);
        a.ContentHash.Should().Be(AppDefinition.Parse(Original).ContentHash);
    }

    [Theory]
    [InlineData("""{"s": "caf\u00e9"}""", """{"s": "café"}""")]
    [InlineData("""{"caf\u00e9": 1}""", """{"café": 1}""")]
    [InlineData("""{"n": -0}""", """{"n": 0}""")]
    [InlineData("""{"a": {"b": [1, {"c": true, "d": null}]}, "e": 2}""", """{"e": 2, "a": {"b": [1, {"d": null, "c": true}]}}""")]
    public void ContentHash_EscapingAndNestedReordering_DoNotCount(string left, string right)
    {
        var a = AppDefinition.Parse(left);
        var b = AppDefinition.Parse(right);

        b.ContentHash.Should().Be(a.ContentHash);
        b.Should().Be(a);
    }

    [Theory]
    [InlineData("""{"a": 1, "b": 2}""", """{"a": 2, "b": 1}""")]
    [InlineData("""{"a": [1, 2]}""", """{"a": [2, 1]}""")]
    [InlineData("""{"a": "1"}""", """{"a": 1}""")]
    [InlineData("""{"a": {}}""", """{"a": []}""")]
    [InlineData("""{"a": null}""", """{"a": false}""")]
    [InlineData("""{"a": {"b": 1}}""", """{"a": {"b": 1}, "c": {}}""")]
    public void ContentHash_SwappedValuesOrKinds_AreDifferent(string left, string right)
    {
        var a = AppDefinition.Parse(left);
        var b = AppDefinition.Parse(right);

        b.ContentHash.Should().NotBe(a.ContentHash);
        b.Should().NotBe(a);
    }

    [Fact]
    public void XxHash64_KnownVectors_MatchTheReferenceAlgorithm()
    {
        // Published XXH64 test vectors (seed 0).
        XxHash64.Hash([]).Should().Be(0xEF46DB3751D8E999UL);
        XxHash64.Hash("a"u8).Should().Be(0xD24EC4F1A98C6E5BUL);
        XxHash64.Hash("abc"u8).Should().Be(0x44BC2CF5AD770999UL);
        XxHash64.Hash("Nobody inspects the spammish repetition"u8).Should().Be(0xFBCEA83C8A378BF1UL);
    }
}
