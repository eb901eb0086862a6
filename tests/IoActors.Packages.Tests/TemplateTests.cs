using FluentAssertions;
using Xunit;

namespace IoActors.Packages.Tests;

/// <summary>The ioactors-host template from the feed's IoActors.Templates package: installed, instantiated, built and run.</summary>
public sealed class TemplateTests(PackageFeedFixture feed) : IClassFixture<PackageFeedFixture>
{
    [Fact]
    public async Task IoActorsHostTemplate_NewProject_ReferencesThisVersionBuildsAndRuns()
    {
        var root = PackageFeedFixture.TestFolder("ioactors-template-");
        try
        {
            var hive = Path.Combine(root, "hive");
            var package = Path.Combine(feed.Feed, $"IoActors.Templates.{feed.Version}.nupkg");
            var timeout = PackageFeedFixture.RunTimeout;
            await ChildProcess.RunAsync(root, timeout, "dotnet", "new", "install", package, "--debug:custom-hive", hive);

            var work = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;
            feed.UseFeedIn(work);
            var project = Path.Combine(work, "MyHost");
            await ChildProcess.RunAsync(work, timeout, "dotnet", "new", "ioactors-host", "-n", "MyHost", "-o", project, "--debug:custom-hive", hive);

            var csproj = File.ReadAllText(Path.Combine(project, "MyHost.csproj"));
            csproj.Should().Contain($"""<PackageReference Include="IoActors.Platform" Version="{feed.Version}" />""")
                .And.NotContain("IoActorsVersion");
            File.Exists(Path.Combine(project, "ioactors.conf")).Should().BeTrue();
            File.Exists(Path.Combine(project, "apps", "hello-node.json")).Should().BeTrue();

            await HostScenario.BuildRunAndCheckAsync(feed, project, "MyHost.dll");
        }
        finally
        {
            PackageFeedFixture.DeleteFolder(root);
        }
    }
}
