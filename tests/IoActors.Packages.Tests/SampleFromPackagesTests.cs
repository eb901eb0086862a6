using Xunit;

namespace IoActors.Packages.Tests;

/// <summary>samples/HostedPlatform, copied out of the repository, built from the feed's packages and run.</summary>
public sealed class SampleFromPackagesTests(PackageFeedFixture feed) : IClassFixture<PackageFeedFixture>
{
    [Fact]
    public async Task HostedPlatformSample_BuiltFromThePackages_SeesItsAppAndAnswersOnItsEndpoint()
    {
        var root = PackageFeedFixture.TestFolder("ioactors-sample-");
        try
        {
            feed.UseFeedIn(root);
            var project = Path.Combine(root, "HostedPlatform");
            var source = Path.Combine(feed.RepoRoot, "samples", "HostedPlatform");
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(source, file);
                var top = relative.Split(Path.DirectorySeparatorChar)[0];
                if (top is "bin" or "obj" or "data" or "nuget.config")
                {
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(project, relative))!);
                File.Copy(file, Path.Combine(project, relative));
            }

            // The sample's nuget.config (../../artifacts/packages) is left out: the root's, naming the feed, serves instead.
            await HostScenario.BuildRunAndCheckAsync(feed, project, "HostedPlatform.dll", $"-p:IoActorsVersion={feed.Version}");
        }
        finally
        {
            PackageFeedFixture.DeleteFolder(root);
        }
    }
}
