using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FluentAssertions;

namespace IoActors.Packages.Tests;

/// <summary>Builds a host project against the feed, runs it on a free loopback port, and checks its actor and endpoint.</summary>
internal static partial class HostScenario
{
    public const string SampleApp = "hello-node";

    public static async Task BuildRunAndCheckAsync(PackageFeedFixture feed, string projectFolder, string dllName, params string[] buildProperties)
    {
        await ChildProcess.RunAsync(projectFolder, PackageFeedFixture.BuildTimeout, "dotnet",
            ["build", "-c", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false", .. buildProperties]);

        var dll = Path.Combine(projectFolder, "bin", "Release", "net10.0", dllName);
        using var host = ChildProcess.Start("dotnet", projectFolder, dll, "--urls", "http://127.0.0.1:0");
        try
        {
            var listening = await host.WaitForLineAsync(l => l.Contains("Now listening on:", StringComparison.Ordinal), PackageFeedFixture.RunTimeout);
            var url = Url().Match(listening).Value;
            await host.WaitForLineAsync(l => l.Contains($"AppAdded: {SampleApp}", StringComparison.Ordinal), PackageFeedFixture.RunTimeout);

            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = PackageFeedFixture.RunTimeout };
            var seen = await http.GetFromJsonAsync<string[]>("/apps-seen");
            seen.Should().Contain(SampleApp, host.Output);
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            throw new InvalidOperationException($"{e.Message}{Environment.NewLine}{host.Output}", e);
        }
        finally
        {
            host.Kill();
            await host.WaitForExitAsync(PackageFeedFixture.RunTimeout);
        }

        // Nothing of it is left running.
        ProcessesUnder(projectFolder).Should().BeEmpty(host.Output);
    }

    /// <summary>The processes whose command line names a path in the folder (Linux /proc; none elsewhere).</summary>
    private static List<int> ProcessesUnder(string folder)
    {
        var found = new List<int>();
        if (!Directory.Exists("/proc"))
        {
            return found;
        }

        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(folder, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours.
            }
        }

        return found;
    }

    [GeneratedRegex(@"https?://[^\s]+")]
    private static partial Regex Url();
}
