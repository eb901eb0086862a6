using System.Text.Json.Nodes;

namespace IoActors.Gateway.Tests.Support;

public sealed partial class RawClient
{
    /// <summary>Connects and logs in with a token the gateway issued.</summary>
    public static Task<RawClient> LoginAsync(GatewayHost host, string instanceId = "test-instance", string app = "test-app") =>
        LoginAsync(host.Url, host.Gateway.IssueToken(instanceId, app), new JsonObject { ["application"] = app, ["applicationName"] = app, ["instance"] = instanceId });
}
