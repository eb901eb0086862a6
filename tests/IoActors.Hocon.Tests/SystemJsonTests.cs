using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Hocon.Tests.Support;
using Xunit;

namespace IoActors.Hocon.Tests;

/// <summary>io.Connect's system.json must load unchanged (HOCON.md "Goals": JSON is valid HOCON with the same data).</summary>
public sealed class SystemJsonTests
{
    [Fact]
    public void Load_IoConnectSystemJson_GivesExactlyTheJsonData()
    {
        var file = RepositoryPaths.TestData("system.json");
        var config = HoconConfig.Load(file, HoconAssert.NoEnvironment);
        var expected = JsonNode.Parse(File.ReadAllText(file));
        JsonNode.DeepEquals(JsonNode.Parse(config.ToJson()), expected).Should().BeTrue(config.ToJson());
    }

    [Fact]
    public void Load_IoConnectSystemJson_TypedGettersSeeSystemJsonKeys()
    {
        var config = HoconConfig.Load(RepositoryPaths.TestData("system.json"), HoconAssert.NoEnvironment);
        config.GetInt("appStoresTimeout").Should().Be(120000);
        config.GetDuration("appStoresTimeout").Should().Be(TimeSpan.FromMinutes(2));
        config.HasPath("appStores.2.details.url").Should().BeFalse("HOCON paths do not index arrays");
        ((HoconObject)config.GetList("appStores")[2])["details"].Should().BeOfType<HoconObject>();
    }

    [Fact]
    public void Load_SystemJsonOverReference_MergesWithDefaults()
    {
        var reference = HoconConfig.Load(RepositoryPaths.Hocon("reference.conf"), HoconAssert.NoEnvironment);
        var config = HoconConfig.Load(RepositoryPaths.TestData("system.json"), HoconAssert.NoEnvironment).WithFallback(reference);
        config.GetList("appStores").Should().HaveCount(4);
        config.GetString("server.url").Should().Be("http://localhost:4356/api");
        config.GetDuration("ioactors.shutdown.budget").Should().Be(TimeSpan.FromSeconds(60));
        config.GetString("windows.syncTitleWithDocumentTitle").Should().Be("preserveCustomTitle");
    }

    [Fact]
    public void Include_SystemJsonFromHocon_AllowsOverridesAfterIt()
    {
        using var folder = new TempFolder();
        File.Copy(RepositoryPaths.TestData("system.json"), Path.Combine(folder.Path, "system.json"));
        var main = folder.Write("ioactors.conf", $"include required(\"{RepositoryPaths.Hocon("reference.conf")}\")\ninclude \"system.json\"\nappStoresTimeout = 2m\nappStores += {{ type = path, details.path = extra }}");
        var config = HoconConfig.Load(main, HoconAssert.NoEnvironment);
        config.GetDuration("appStoresTimeout").Should().Be(TimeSpan.FromMinutes(2));
        config.GetList("appStores").Should().HaveCount(5);
        config.GetString("ioactors.api.host").Should().Be("127.0.0.1");
    }
}
