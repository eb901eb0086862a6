using IoActors.Hocon;

namespace IoActors.Manager.Configuration;

/// <summary>
/// Cluster mode (<c>manager.cluster</c>): several Manager nodes on one PostgreSQL database serve the same users behind
/// any load balancer, on Akka.Cluster. Off by default: one node on its SQLite file needs none of these keys.
/// </summary>
public sealed class ManagerClusterOptions
{
    /// <summary>Whether this node joins a cluster. The default is <see langword="false"/> (a single node).</summary>
    public bool Enabled { get; set; }

    /// <summary>The address other nodes reach this node's Akka.Remote endpoint on. The default is <c>127.0.0.1</c>.</summary>
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>This node's Akka.Remote port (not the HTTP port). The default is 4357.</summary>
    public int Port { get; set; } = 4357;

    /// <summary>
    /// The nodes a starting node contacts to join, as <c>host:port</c> (Akka.Remote ports) or full
    /// <c>akka.tcp://ioactors-manager@host:port</c> addresses; list the same nodes, in the same order, on every node.
    /// The first one forms the cluster when no other is up. Required in cluster mode.
    /// </summary>
    public List<string> SeedNodes { get; set; } = [];

    /// <summary>
    /// How long the membership must be stable before the split brain resolver decides (keep-majority). The default is
    /// 7 s; with the failure detector's ≈ 5 s, a killed node is downed ≈ 12 s after it died.
    /// </summary>
    public HoconDuration StableAfter { get; set; } = HoconDuration.FromMilliseconds(7000);

    /// <summary>How long an idle user's sharded state stays in memory. The default is 2 min.</summary>
    public HoconDuration PassivateAfter { get; set; } = HoconDuration.FromMilliseconds(120_000);

    /// <summary>The number of shards the users are spread over; the same on every node. The default is 100 (≈ 10 per node at most nodes).</summary>
    public int Shards { get; set; } = 100;

    /// <summary>How often a node re-reads the directory and sessions journals without a change notice. The default is 2 s.</summary>
    public HoconDuration ReplicaPoll { get; set; } = HoconDuration.FromMilliseconds(2000);
}
