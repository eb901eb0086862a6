namespace IoActors.Apps.Registry;

/// <summary>Settings of the registry actor.</summary>
public sealed record RegistrySettings
{
    /// <summary>How many recent events the registry keeps for subscribers that resume from a sequence number. The default is 4096.</summary>
    public int ReplayBufferSize { get; init; } = 4096;

    /// <summary>Whether events are also published on the actor system's event stream. The default is <see langword="true"/>.</summary>
    public bool PublishToEventStream { get; init; } = true;
}
