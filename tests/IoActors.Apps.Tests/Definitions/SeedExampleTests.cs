using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Tests.Definitions.Support;
using Xunit;

namespace IoActors.Apps.Tests.Definitions;

/// <summary>Every complete JSON example in the seeds validates, and every fragment validates inside a minimal definition.</summary>
public sealed class SeedExampleTests
{
    public static IEnumerable<object[]> Seeds => TestData.Files("seeds");

    public static IEnumerable<object[]> Fragments => TestData.Files("fragments");

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SeedExample_ReadFromFile_HasNoProblems(string file)
    {
        var result = AppDefinitionReader.ReadFile(Path.Combine(TestData.SeedsDirectory, file), StoreKind.Regular);

        result.Problems.Should().BeEmpty();
        result.RecordCount.Should().BeGreaterThan(0);
        result.Definitions.Should().HaveCount(result.RecordCount);
        result.Definitions.Should().OnlyContain(d => d.Type != AppType.Unknown && d.Name.Length > 0);
    }

    [Theory]
    [MemberData(nameof(Fragments))]
    public void SeedFragment_MergedIntoMinimalDefinition_HasNoProblems(string file)
    {
        var type = file[..file.IndexOf("--", StringComparison.Ordinal)];
        var fragment = File.ReadAllText(Path.Combine(TestData.FragmentsDirectory, file));

        // In-memory: the pre-sso examples need a system or in-memory store.
        var result = Json.Read(Json.WithFragment(type, fragment), StoreKind.InMemory);

        result.Problems.Should().BeEmpty();
        result.Definitions.Should().ContainSingle();
    }

    [Fact]
    public void SeedFolder_ReadAsOneStore_ReportsTheDuplicateNamesOfDifferentExamples()
    {
        // The seed examples reuse names ("my-app", "node-server", "service-window", "My App"): as one store they clash.
        var files = Directory.GetFiles(TestData.SeedsDirectory, "*.json").Order(StringComparer.Ordinal).ToList();

        var result = AppDefinitionReader.ReadFiles(files, StoreKind.Regular);

        result.Problems.Should().OnlyContain(p => p.Path == "name" && p.IsError && p.Line > 0);
        result.Problems.Select(p => p.AppName).Should().BeEquivalentTo(["My App", "my-app", "my-app", "node-server", "node-server", "service-window"]);
        result.Definitions.Select(d => d.Name).Should().OnlyHaveUniqueItems();
    }
}
