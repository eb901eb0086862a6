using FluentAssertions;
using IoActors.Apps.Definitions;
using Xunit;

namespace IoActors.Apps.Tests.Definitions;

/// <summary>The paths validation names: the code's own names are shared, names read from input never are, and the shared ones are bounded.</summary>
public sealed class JsonPathTests
{
    [Fact]
    public void Property_OfACodeName_IsOnePathForEveryCaller()
    {
        var first = JsonPath.Root.Property("details").Property("zoom").Property("factors");
        var second = JsonPath.Root.Property("details").Property("zoom").Property("factors");

        second.Should().BeSameAs(first);
        first.ToString().Should().Be("details.zoom.factors");
        first.Item(3).ToString().Should().Be("details.zoom.factors[3]");
    }

    [Fact]
    public void Property_OfANameReadFromInput_IsANewPathEachTime()
    {
        // A name read from JSON is a new string (not the interned literal), so it is never kept.
        var name = new string("customUnsharedName".AsSpan());
        var first = JsonPath.Root.Property(name);
        var second = JsonPath.Root.Property(name);

        second.Should().NotBeSameAs(first);
        second.ToString().Should().Be("customUnsharedName");
    }

    [Fact]
    public void Property_OfMoreInternedNamesThanOnePathKeeps_KeepsAtMostItsShare_AndStillNamesEveryPath()
    {
        // Interned names (the only kind that is shared) under one parent of their own: more than it keeps.
        var parent = JsonPath.Root.Property(string.Intern("jsonPathTestsParent"));
        var names = Enumerable.Range(0, JsonPath.SharedChildrenCapacity + 50).Select(i => string.Intern($"jsonPathTestsName{i}")).ToArray();

        var paths = names.Select(parent.Property).ToArray();

        paths.Count(p => p.IsShared).Should().Be(JsonPath.SharedChildrenCapacity);
        paths.Select(p => p.ToString()).Should().Equal(names.Select(n => "jsonPathTestsParent." + n));
        parent.Property(names[^1]).Should().NotBeSameAs(paths[^1], "a name past the share is a new path each time");
        JsonPath.SharedCount.Should().BeLessThanOrEqualTo(JsonPath.SharedCapacity);

        // Below the third level nothing is shared.
        var third = JsonPath.Root.Property("details").Property("zoom").Property("factors");
        third.Property("enabled").Should().NotBeSameAs(third.Property("enabled"));
        third.Property("enabled").ToString().Should().Be("details.zoom.factors.enabled");
    }

    [Fact]
    public void Property_SharedPaths_FromManyThreadsAtOnce_AreOnePathEach()
    {
        var paths = new JsonPath[8];
        Parallel.For(0, paths.Length, i => paths[i] = JsonPath.Root.Property("details").Property("downloadSettings"));

        paths.Should().AllSatisfy(p => p.Should().BeSameAs(paths[0]));
        paths[0].ToRootedString().Should().Be("$.details.downloadSettings");
    }
}
