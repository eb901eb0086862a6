using IoActors.Hocon;
using IoActors.Manager.Cluster;
using IoActors.Manager.Configuration;
using IoActors.Platform.Configuration;

namespace IoActors.Manager.Tests.Config;

/// <summary>manager.cluster: validation names the key and value; the Akka configuration it renders.</summary>
public sealed class ClusterOptionsTests
{
    private static ManagerOptions Clustered()
    {
        var options = new ManagerOptions { Listen = "127.0.0.1:0" };
        options.Persistence = new PersistenceOptions { Provider = PersistenceProvider.Postgresql, ConnectionString = "Host=127.0.0.1;Database=manager" };
        options.Cluster.Enabled = true;
        options.Cluster.SeedNodes = ["127.0.0.1:4357", "akka.tcp://ioactors-manager@127.0.0.1:4358"];
        return options;
    }

    [Fact]
    public void A_cluster_on_PostgreSQL_with_seed_nodes_is_valid()
    {
        Clustered().GetValidationErrors().Should().BeEmpty();
    }

    [Fact]
    public void Cluster_mode_on_SQLite_is_refused_naming_the_provider()
    {
        var options = Clustered();
        options.Persistence = new PersistenceOptions { ConnectionString = "Data Source=manager.db" };
        options.GetValidationErrors().Should().ContainSingle().Which.Should().StartWith("manager.cluster.enabled:").And.Contain("sqlite");
    }

    [Fact]
    public void Each_bad_cluster_key_is_named_with_its_value()
    {
        var options = Clustered();
        options.Cluster.SeedNodes = [];
        options.Cluster.Port = 70000;
        options.Cluster.Hostname = "bad host";
        options.Cluster.Shards = 0;
        options.Cluster.StableAfter = HoconDuration.FromMilliseconds(10);
        options.GetValidationErrors().Should().BeEquivalentTo(
            "manager.cluster.hostname: 'bad host' must be a host name or IP address other nodes reach this node on",
            "manager.cluster.port: 70000 must be 0-65535",
            "manager.cluster.seedNodes: cluster mode needs at least one seed node (host:port of a node's Akka.Remote endpoint)",
            "manager.cluster.stableAfter: 10 must be at least 1s",
            "manager.cluster.shards: 0 must be 1-10000");
    }

    [Theory]
    [InlineData("nowhere")]
    [InlineData("127.0.0.1:0")]
    [InlineData("akka.tcp://other-system@127.0.0.1:4357")]
    [InlineData("a b:4357")]
    public void A_bad_seed_node_is_named_by_its_index(string seed)
    {
        var options = Clustered();
        options.Cluster.SeedNodes = ["127.0.0.1:4357", seed];
        options.GetValidationErrors().Should().ContainSingle().Which.Should().StartWith("manager.cluster.seedNodes[1]:").And.Contain(seed);
    }

    [Fact]
    public void The_rendered_configuration_names_the_seed_nodes_keep_majority_and_the_downed_node_s_shutdown()
    {
        var text = ClusterAddresses.Render(Clustered().Cluster);
        text.Should().Contain("akka.actor.provider = cluster")
            .And.Contain("seed-nodes = [\"akka.tcp://ioactors-manager@127.0.0.1:4357\", \"akka.tcp://ioactors-manager@127.0.0.1:4358\"]")
            .And.Contain("active-strategy = keep-majority")
            .And.Contain("stable-after = 7000ms")
            .And.Contain("run-coordinated-shutdown-when-down = on")
            .And.Contain("remember-entities = off")
            .And.Contain("passivate-idle-entity-after = 120000ms");
        Akka.Configuration.ConfigurationFactory.ParseString(text).GetString("akka.cluster.split-brain-resolver.active-strategy").Should().Be("keep-majority");
    }
}
