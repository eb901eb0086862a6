using FluentAssertions;
using Xunit;

namespace IoActors.Packages.Tests;

/// <summary>
/// The packaged libraries' public API is frozen: a copy of IoActors.Hocon (with the repository's build files) that gains
/// a public type not written in its PublicAPI files fails to build with RS0016 naming it, and builds once the type is
/// recorded in PublicAPI.Unshipped.txt.
/// </summary>
public sealed class PublicApiTests(PackageFeedFixture feed) : IClassFixture<PackageFeedFixture>
{
    [Fact]
    public async Task UnrecordedPublicType_FailsTheBuild_AndBuildsOnceRecorded()
    {
        var root = PackageFeedFixture.TestFolder("ioactors-publicapi-");
        try
        {
            foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json" })
            {
                File.Copy(Path.Combine(feed.RepoRoot, file), Path.Combine(root, file));
            }

            var project = Path.Combine(root, "src", "IoActors.Hocon");
            CopyTree(Path.Combine(feed.RepoRoot, "src", "IoActors.Hocon"), project);
            File.WriteAllText(Path.Combine(project, "UnrecordedProbe.cs"), """
                namespace IoActors.Hocon;

                /// <summary>A public type that no PublicAPI file lists.</summary>
                public static class UnrecordedProbe
                {
                    /// <summary>A public member that no PublicAPI file lists.</summary>
                    /// <returns>One.</returns>
                    public static int Probe() => 1;
                }
                """);

            string[] build = ["build", "-c", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false"];
            using (var refused = ChildProcess.Start("dotnet", project, build))
            {
                (await refused.WaitForExitAsync(PackageFeedFixture.BuildTimeout)).Should().NotBe(0, refused.Output);
                refused.Output.Should().Contain("error RS0016").And.Contain("Symbol 'IoActors.Hocon.UnrecordedProbe'")
                    .And.Contain("Symbol 'static IoActors.Hocon.UnrecordedProbe.Probe() -> int'");
            }

            File.AppendAllLines(Path.Combine(project, "PublicAPI.Unshipped.txt"),
                ["IoActors.Hocon.UnrecordedProbe", "static IoActors.Hocon.UnrecordedProbe.Probe() -> int"]);
            await ChildProcess.RunAsync(project, PackageFeedFixture.BuildTimeout, "dotnet", build);
        }
        finally
        {
            PackageFeedFixture.DeleteFolder(root);
        }
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            var name = Path.GetFileName(dir);
            if (name is not ("bin" or "obj"))
            {
                CopyTree(dir, Path.Combine(to, name));
            }
        }
    }
}
