using System.Globalization;
using System.Text;
using IoActors.Manager.Configuration;
using IoActors.Platform.Persistence;

namespace IoActors.Manager.Cluster;

/// <summary>The Akka configuration of cluster mode, rendered from <c>manager.cluster</c> (values quoted; no user text is parsed as HOCON).</summary>
internal static class ClusterAddresses
{
    /// <summary>The actor system's name: the same on every node (it is part of every node's address).</summary>
    public const string SystemName = "ioactors-manager";

    /// <summary>A seed node's full address from <c>host:port</c> or <c>akka.tcp://ioactors-manager@host:port</c>, or <see langword="null"/> when it is neither.</summary>
    public static string? SeedAddress(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var prefix = "akka.tcp://" + SystemName + "@";
        var hostPort = text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0
            || !int.TryParse(hostPort.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535
            || hostPort[..colon].Any(c => char.IsWhiteSpace(c) || c is '"' or '\\' or '/' or '@' or ':'))
        {
            return null;
        }

        return prefix + hostPort[..colon] + ":" + port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The HOCON text of cluster mode: the cluster provider, Akka.Remote on the configured address, the seed nodes, the
    /// split brain resolver (keep-majority, <c>stable-after</c>), a downed node's coordinated shutdown, and sharding with
    /// remember-entities off and idle passivation.
    /// </summary>
    public static string Render(ManagerClusterOptions cluster)
    {
        var text = new StringBuilder();
        text.AppendLine("akka.actor.provider = cluster");
        text.AppendLine("akka.remote.dot-netty.tcp {");
        text.AppendLine($"  hostname = {HoconText.Quote(cluster.Hostname)}");
        text.AppendLine($"  port = {HoconText.Number(cluster.Port)}");
        text.AppendLine("}");
        text.AppendLine("akka.cluster {");
        text.AppendLine("  seed-nodes = [" + string.Join(", ", cluster.SeedNodes.Select(s => HoconText.Quote(SeedAddress(s)!))) + "]");
        text.AppendLine("  downing-provider-class = \"Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster\"");
        text.AppendLine("  split-brain-resolver {");
        text.AppendLine("    active-strategy = keep-majority");
        text.AppendLine($"    stable-after = {Millis(cluster.StableAfter)}");
        text.AppendLine("  }");
        text.AppendLine("  run-coordinated-shutdown-when-down = on");
        text.AppendLine("  singleton-proxy.log-singleton-identification-failure = off");
        text.AppendLine("  sharding {");
        text.AppendLine("    remember-entities = off");
        text.AppendLine("    state-store-mode = ddata");
        text.AppendLine("    distributed-data.durable.keys = []");
        text.AppendLine($"    passivate-idle-entity-after = {Millis(cluster.PassivateAfter)}");
        text.AppendLine("  }");
        text.AppendLine("}");
        return text.ToString();
    }

    /// <summary>
    /// The configuration with the cluster tools' defaults behind it (sharding, distributed data, singletons,
    /// DistributedPubSub), so that their serializers are bound before the first message from another node arrives.
    /// </summary>
    public static Akka.Configuration.Config WithClusterDefaults(Akka.Configuration.Config config) => config
        .WithFallback(Akka.Cluster.Sharding.ClusterSharding.DefaultConfig())
        .WithFallback(Akka.Cluster.Tools.Singleton.ClusterSingleton.DefaultConfig())
        .WithFallback(Akka.Cluster.Tools.PublishSubscribe.DistributedPubSub.DefaultConfig())
        .WithFallback(Akka.DistributedData.DistributedData.DefaultConfig());

    private static string Millis(TimeSpan value) => HoconText.Number((long)value.TotalMilliseconds) + "ms";
}
