using FluentAssertions;
using IoActors.Hocon.Tests.Support;
using Xunit;

namespace IoActors.Hocon.Tests;

public sealed class ReferenceConfTests
{
    [Fact]
    public void ReferenceConf_Loads_WithDocumentedDefaults()
    {
        var config = HoconConfig.Load(RepositoryPaths.Hocon("reference.conf"), HoconAssert.NoEnvironment);
        config.GetList("appStores").Should().BeEmpty();
        config.GetDuration("appStoresTimeout").Should().Be(TimeSpan.FromMilliseconds(120000));
        config.GetBoolean("closeRunningInstancesOnAppRemoved").Should().BeFalse();
        config.GetString("applications.titleFormat").Should().Be("{title}");
        config.HasPath("gw.port").Should().BeFalse("null: the gateway is served by the API's listener");
        config.GetDuration("ioactors.shutdown.budget").Should().Be(TimeSpan.FromSeconds(60));
        config.GetString("ioactors.api.host").Should().Be("127.0.0.1");
        config.GetByteSize("ioactors.api.maxRequestBodySize").Should().Be(1_000_000);
        config.GetString("ioactors.persistence.provider").Should().Be("sqlite");
        config.GetString("ioactors.persistence.connectionString").Should().Be("Data Source=data/ioactors.db");
        config.GetBoolean("ioactors.inMemoryStore.persist").Should().BeTrue();
        config.HasPath("ioactors.api.token").Should().BeFalse();
    }

    [Fact]
    public void ReferenceConf_ApiToken_ComesFromEnvironmentWhenSet()
    {
        var options = new HoconParseOptions { EnvironmentVariables = name => name == "IOACTORS_API_TOKEN" ? "s3cret" : null };
        HoconConfig.Load(RepositoryPaths.Hocon("reference.conf"), options).GetString("ioactors.api.token").Should().Be("s3cret");
    }

    [Fact]
    public void IoActorsConf_IncludesReference_AndPointsAtSamples()
    {
        var config = HoconConfig.Load(RepositoryPaths.Hocon("ioactors.conf"), HoconAssert.NoEnvironment);
        config.GetString("ioactors.shutdown.budget").Should().Be("60s");
        ((HoconObject)config.GetList("appStores")[0])["details"].ToJson(false).Should().Be("""{"path":"../samples/apps"}""");
        ((HoconObject)config.GetList("systemAppStores")[0])["details"].ToJson(false).Should().Be("""{"path":"../samples/system-apps"}""");
        config.GetString("ioactors.persistence.connectionString").Should().Be("Data Source=../data/ioactors.db", "the substitution sees the overridden data folder");
    }
}
