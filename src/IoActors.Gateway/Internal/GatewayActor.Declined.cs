using System.Text.Json.Nodes;

namespace IoActors.Gateway.Internal;

/// <summary>
/// Domains of io.Connect Desktop features this host does not have (activities): a join succeeds so that the client's
/// initialization completes at once, the announcement of a peer's readiness (<c>ready</c>, sent without waiting) is
/// acknowledged, and every other message of the domain gets an error "not supported by IoActors: &lt;domain&gt; (&lt;type&gt;)".
/// </summary>
internal sealed partial class GatewayActor
{
    /// <summary>The domains whose join is accepted and whose messages are declined.</summary>
    internal static readonly IReadOnlySet<string> DeclinedDomains = new HashSet<string>(StringComparer.Ordinal) { "activity" };

    private static void OnDeclinedDomain(PeerState peer, string domain, string type, JsonObject msg) =>
        Reply(peer, type == "ready"
            ? Wire.Success(domain, Wire.Id(msg, "request_id"), peer.Id)
            : Wire.Error(domain, Wire.Id(msg, "request_id"), peer.Id, Wire.ErrUnhandled, $"not supported by IoActors: {domain} ({type})"));
}
