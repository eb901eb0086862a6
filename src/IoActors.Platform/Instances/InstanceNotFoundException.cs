namespace IoActors.Platform.Instances;

/// <summary>No live instance has the given ID.</summary>
public sealed class InstanceNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="instanceId">The unknown instance ID.</param>
    public InstanceNotFoundException(string instanceId)
        : base($"No running instance has the ID '{instanceId}'.")
    {
        InstanceId = instanceId;
    }

    /// <summary>The unknown instance ID.</summary>
    public string InstanceId { get; }
}
