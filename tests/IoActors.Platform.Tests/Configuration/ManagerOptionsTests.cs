using FluentAssertions;
using IoActors.Hocon;
using IoActors.Hocon.Configuration;
using IoActors.Platform.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Xunit;

namespace IoActors.Platform.Tests.Configuration;

/// <summary>The io.Manager clients' options: <c>crashReporter.output</c>, <c>env</c> and <c>region</c>, bound over reference.conf and validated.</summary>
public sealed class ManagerOptionsTests
{
    private static readonly HoconParseOptions NoEnvironment = new() { EnvironmentVariables = _ => null };

    private static string ReferenceConf()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IoActors.sln")))
            {
                return Path.Combine(folder.FullName, "hocon", "reference.conf");
            }
        }

        throw new InvalidOperationException("IoActors.sln not found");
    }

    private static PlatformOptions BindReferencePlus(string hocon)
    {
        var reference = HoconConfig.Load(ReferenceConf(), NoEnvironment);
        var config = HoconConfig.Parse(hocon, null, NoEnvironment).WithFallback(reference);
        return PlatformOptions.Bind(new ConfigurationBuilder().AddHoconConfig(config).Build());
    }

    private static IReadOnlyList<string> Failures(PlatformOptions options)
    {
        var act = () => options.Validate();
        return act.Should().Throw<OptionsValidationException>().Which.Failures.ToList();
    }

    [Fact]
    public void Bind_ReferenceConf_SendsNoCrashReportsAndNamesNoRegionOrEnv_AsTheClassDefaults()
    {
        var options = BindReferencePlus("");
        var defaults = new PlatformOptions();

        options.CrashReporter.Output.Type.Should().Be("none").And.Be(defaults.CrashReporter.Output.Type);
        options.CrashReporter.Output.ServerUrl.Should().BeNull();
        options.Env.Should().BeNull().And.Be(defaults.Env);
        options.Region.Should().BeNull().And.Be(defaults.Region);
        options.GetValidationErrors().Should().BeEmpty();
    }

    [Fact]
    public void Bind_SystemJsonCrashReporterAndRegion_AreBound()
    {
        var options = BindReferencePlus("""
            crashReporter { output { type = "server", serverUrl = "http://localhost:4356/api/crashes" } }
            env = "DEMO"
            region = "EU"
            """);

        options.CrashReporter.Output.Type.Should().Be("server");
        options.CrashReporter.Output.ServerUrl.Should().Be("http://localhost:4356/api/crashes");
        options.Env.Should().Be("DEMO");
        options.Region.Should().Be("EU");
        options.GetValidationErrors().Should().BeEmpty();
    }

    [Fact]
    public void Validate_UnknownOutputType_IsAnErrorNamingTheKey()
    {
        Failures(BindReferencePlus("crashReporter.output.type = file")).Should().Equal(
            "crashReporter.output.type: \"file\" must be one of none, server");
    }

    [Fact]
    public void Validate_ServerOutputWithoutUrlOrIoManager_IsAnErrorNamingTheKey()
    {
        Failures(BindReferencePlus("crashReporter.output.type = server")).Should().ContainSingle()
            .Which.Should().StartWith("crashReporter.output.serverUrl: null must be an absolute http:// or https:// URL when crashReporter.output.type is \"server\" and server.enabled is false");
    }

    [Fact]
    public void Validate_ServerOutputWithoutUrl_FallsBackToIoManager()
    {
        var options = BindReferencePlus("""
            crashReporter.output.type = server
            server { enabled = true, url = "http://127.0.0.1:4356/api" }
            """);

        options.GetValidationErrors().Should().BeEmpty();
    }

    [Fact]
    public void Validate_ServerUrlThatIsNoHttpUrl_IsAnErrorNamingTheKey()
    {
        Failures(BindReferencePlus("crashReporter.output { type = server, serverUrl = \"ftp://host/crashes\" }")).Should().Equal(
            "crashReporter.output.serverUrl: \"ftp://host/crashes\" must be an absolute http:// or https:// URL");
    }

    [Fact]
    public void Validate_BlankRegionAndEnv_AreErrorsNamingTheKeys()
    {
        Failures(BindReferencePlus("env = \" \"\nregion = \"\"")).Should().Equal(
            "env: \" \" must be null (io.Manager is told \"default\") or a name of 1 to 256 characters without control characters",
            "region: \"\" must be null (io.Manager is told \"default\") or a name of 1 to 256 characters without control characters");
    }
}
