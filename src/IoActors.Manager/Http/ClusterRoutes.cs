using Akka.Actor;
using Akka.Cluster.Sharding;
using IoActors.Manager.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IoActors.Manager.Http;

/// <summary><c>GET /admin/cluster</c>: the node's view of the cluster (members, their status, the leader and the oldest) and the users' shards it hosts.</summary>
internal static class ClusterRoutes
{
    public static void Map(IEndpointRouteBuilder api, ManagerContext m)
    {
        api.MapGet("/admin/cluster", async (HttpContext context, CancellationToken ct) =>
        {
            await m.AdminAsync(context);
            if (!m.Options.Cluster.Enabled)
            {
                return Results.Json(new { mode = "single" }, ManagerContext.Json);
            }

            var cluster = Akka.Cluster.Cluster.Get(m.System);
            var state = cluster.State;
            var region = ClusterSharding.Get(m.System).ShardRegion(ManagerClusterActors.UsersTypeName);
            var shards = await m.AskAsync<CurrentShardRegionState>(region, GetShardRegionState.Instance, ct);
            var up = state.Members.Where(x => x.Status == Akka.Cluster.MemberStatus.Up).ToList();
            var oldest = up.Count > 0 ? up.Aggregate((a, b) => a.IsOlderThan(b) ? a : b).Address.ToString() : null;
            return Results.Json(new
            {
                mode = "cluster",
                self = cluster.SelfAddress.ToString(),
                leader = state.Leader?.ToString(),
                oldest,
                members = state.Members.Select(x => new { address = x.Address.ToString(), status = x.Status.ToString().ToLowerInvariant(), roles = x.Roles }),
                unreachable = state.Unreachable.Select(x => x.Address.ToString()),
                users = new
                {
                    shards = shards.Shards.Count,
                    entities = shards.Shards.Sum(s => s.EntityIds.Count),
                },
            }, ManagerContext.Json);
        });
    }
}
