namespace IoActors.Gateway;

/// <summary>Names used when the platform starts a node app that uses <c>@interopio/desktop</c>.</summary>
public static class GatewayStartingContext
{
    /// <summary>The environment variable the JavaScript library reads: a JSON object with <c>gwURL</c>, <c>gwToken</c>, <c>instanceId</c>, <c>applicationConfig.name</c>, <c>env</c> and <c>region</c>.</summary>
    public const string EnvironmentVariable = "_GD_STARTING_CONTEXT_";
}
