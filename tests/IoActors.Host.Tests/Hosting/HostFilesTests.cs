using FluentAssertions;
using IoActors.Host.Commands;
using IoActors.Host.Hosting;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Hosting;

public sealed class HostFilesTests
{
    [Fact]
    public void GetOrCreateToken_FirstStart_WritesAnOwnerOnlyFileAndReusesIt()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ioactors-token-" + Guid.NewGuid().ToString("N")[..8]);
        var token = HostFiles.GetOrCreateToken(folder);
        token.Should().HaveLength(64);
        HostFiles.GetOrCreateToken(folder).Should().Be(token);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(Path.Combine(folder, HostFiles.TokenFileName)).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Directory.Delete(folder, true);
    }

    [Fact]
    public void Discovery_WriteRead_RoundTrips()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ioactors-disc-" + Guid.NewGuid().ToString("N")[..8]);
        HostFiles.WriteDiscovery(folder, new HostDiscovery("http://127.0.0.1:1", "t", Environment.ProcessId));
        HostFiles.ReadDiscovery(folder).Should().Be(new HostDiscovery("http://127.0.0.1:1", "t", Environment.ProcessId));
        HostFiles.DeleteDiscovery(folder);
        HostFiles.ReadDiscovery(folder).Should().BeNull();
        Directory.Delete(folder, true);
    }

    [Fact]
    public async Task Run_InvalidConfiguration_Exits1ListingTheProblem()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ioactors-bad-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(HostFixture.RepositoryRoot, "hocon", "reference.conf"), Path.Combine(folder, "reference.conf"));
        File.WriteAllText(Path.Combine(folder, "bad.conf"), "include required(\"reference.conf\")\nappStoresTimeout = -5\n");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await RunCommand.RunAsync(Path.Combine(folder, "bad.conf"), [], output, error);
        code.Should().Be(1);
        error.ToString().Should().Contain("appStoresTimeout");
        Directory.Delete(folder, true);
    }

    [Fact]
    public async Task Run_MissingConfiguration_Exits1()
    {
        var error = new StringWriter();
        var code = await RunCommand.RunAsync("/nonexistent/ioactors.conf", [], new StringWriter(), error);
        code.Should().Be(1);
        error.ToString().Should().Contain("not found");
    }
}
