namespace IoActors.Platform.Instances;

/// <summary>An instance could not be started; carries the app, the instance and the reason.</summary>
public sealed class InstanceStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="appName">The app.</param>
    /// <param name="instanceId">The instance that failed to start.</param>
    /// <param name="reason">What is wrong.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public InstanceStartException(string appName, string instanceId, string reason, Exception? inner = null)
        : base($"App '{appName}' (instance {instanceId}) failed to start: {reason}", inner)
    {
        AppName = appName;
        InstanceId = instanceId;
        Reason = reason;
    }

    /// <summary>The app.</summary>
    public string AppName { get; }

    /// <summary>The instance that failed to start.</summary>
    public string InstanceId { get; }

    /// <summary>What is wrong (without the app/instance prefix).</summary>
    public string Reason { get; }
}
