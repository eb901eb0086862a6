using System.IO.Compression;
using System.Xml.Linq;
using FluentAssertions;
using Xunit;

namespace IoActors.Packages.Tests;

/// <summary>What each library package in the feed carries: its metadata, its assembly with XML docs, and a symbols package.</summary>
public sealed class PackageMetadataTests(PackageFeedFixture feed) : IClassFixture<PackageFeedFixture>
{
    [Theory]
    [InlineData("IoActors.Hocon")]
    [InlineData("IoActors.Apps")]
    [InlineData("IoActors.Platform")]
    [InlineData("IoActors.Gateway")]
    [InlineData("IoActors.Manager")]
    public void LibraryPackage_HasMetadataAssemblyDocsAndSymbols(string id)
    {
        var path = Path.Combine(feed.Feed, $"{id}.{feed.Version}.nupkg");
        File.Exists(path).Should().BeTrue(path);
        File.Exists(Path.ChangeExtension(path, ".snupkg")).Should().BeTrue("a symbols package goes beside it");

        using var zip = ZipFile.OpenRead(path);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        XDocument nuspec;
        using (var stream = nuspecEntry.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
        Value("id").Should().Be(id);
        Value("version").Should().Be(feed.Version);
        Value("description").Should().NotBeNullOrWhiteSpace();
        var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
        license.Attribute("type")?.Value.Should().Be("expression");
        license.Value.Should().Be("MIT");
        var readme = Value("readme");
        readme.Should().NotBeNullOrEmpty();
        entries.Should().Contain(readme!);
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        repository.Attribute("commit")?.Value.Should().MatchRegex("^[0-9a-f]{40}$");
        entries.Should().Contain($"lib/net10.0/{id}.dll").And.Contain($"lib/net10.0/{id}.xml");
    }
}
