using FluentAssertions;
using IoActors.Hocon.Configuration;
using IoActors.Hocon.Tests.Support;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace IoActors.Hocon.Tests;

public sealed class ConfigurationProviderTests
{
    [Fact]
    public void AddHoconString_MapsTreeToColonKeys()
    {
        var configuration = new ConfigurationBuilder()
            .AddHoconString("a { b = 1, list = [x, { c = true }] }\nn = null\ne = []\ns = \"text\"", HoconAssert.NoEnvironment)
            .Build();
        configuration["a:b"].Should().Be("1");
        configuration["a:list:0"].Should().Be("x");
        configuration["a:list:1:c"].Should().Be("true");
        configuration["A:LIST:1:C"].Should().Be("true", "configuration keys are case-insensitive");
        configuration["n"].Should().BeNull();
        configuration.GetSection("e").Exists().Should().BeFalse();
        configuration["s"].Should().Be("text");
    }

    [Fact]
    public void AddHoconFile_ResolvesIncludesRelativeToFile()
    {
        using var folder = new TempFolder();
        folder.Write("conf/base.conf", "api { port = 1, host = h }");
        var main = folder.Write("conf/main.conf", "include \"base.conf\"\napi.port = 2");
        var configuration = new ConfigurationBuilder().AddHoconFile(main).Build();
        configuration["api:port"].Should().Be("2");
        configuration["api:host"].Should().Be("h");
    }

    [Fact]
    public void AddHoconFile_OptionalMissing_IsEmptyAndRequiredMissingFails()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "missing.conf");
        new ConfigurationBuilder().AddHoconFile(missing, optional: true).Build().AsEnumerable().Should().BeEmpty();
        var act = () => new ConfigurationBuilder().AddHoconFile(missing).Build();
        act.Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void AddHoconFile_Malformed_FailsWithHoconExceptionInside()
    {
        using var folder = new TempFolder();
        var bad = folder.Write("bad.conf", "a = [");
        var act = () => new ConfigurationBuilder().AddHoconFile(bad).Build();
        act.Should().Throw<InvalidDataException>().WithInnerException<HoconException>().Which.Line.Should().Be(1);
    }

    [Fact]
    public void Reload_BrokenFile_KeepsLastGoodKeysAndReportsError()
    {
        using var folder = new TempFolder();
        var file = folder.Write("app.conf", "a = 1");
        Exception? reported = null;
        var configuration = new ConfigurationBuilder()
            .AddHoconFile(source =>
            {
                source.Path = file;
                source.ResolveFileProvider();
                source.OnLoadException = context => reported = context.Exception;
            })
            .Build();
        configuration["a"].Should().Be("1");

        File.WriteAllText(file, "a = [");
        configuration.Reload();
        configuration["a"].Should().Be("1", "a broken file never half-loads or empties the configuration");
        reported.Should().BeOfType<HoconException>().Which.Line.Should().Be(1);

        File.WriteAllText(file, "a = 2");
        configuration.Reload();
        configuration["a"].Should().Be("2");
    }

    [Fact]
    public void LaterSources_OverrideHoconKeys_TheUsualDotNetWay()
    {
        const string prefix = "IOACTORS_HOCON_TEST_";
        Environment.SetEnvironmentVariable(prefix + "ioactors__api__port", "9001");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddHoconString("ioactors { api { port = 8386, host = \"127.0.0.1\" } }\nappStoresTimeout = 120000", HoconAssert.NoEnvironment)
                .AddEnvironmentVariables(prefix)
                .AddCommandLine(["--appStoresTimeout=5000"])
                .Build();
            configuration["ioactors:api:port"].Should().Be("9001");
            configuration["appStoresTimeout"].Should().Be("5000");
            configuration["ioactors:api:host"].Should().Be("127.0.0.1");
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "ioactors__api__port", null);
        }
    }

    [Fact]
    public void Binder_BindsHoconDurationAndByteSize()
    {
        var configuration = new ConfigurationBuilder().AddHoconString("budget = 60s\nlimit = 10MB\ntimeout = 120000").Build();
        var bound = configuration.Get<Durations>()!;
        bound.Budget.Value.Should().Be(TimeSpan.FromSeconds(60));
        bound.Limit.Bytes.Should().Be(10_000_000);
        bound.Timeout.Value.Should().Be(TimeSpan.FromMinutes(2));
    }

    private sealed class Durations
    {
        public HoconDuration Budget { get; set; }

        public HoconByteSize Limit { get; set; }

        public HoconDuration Timeout { get; set; }
    }
}
