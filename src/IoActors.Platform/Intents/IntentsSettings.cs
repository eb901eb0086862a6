namespace IoActors.Platform.Intents;

/// <summary>The intents actor's settings.</summary>
internal sealed record IntentsSettings
{
    /// <summary>How long a started handler app gets to add its listener (<c>ioactors.intents.listenerTimeout</c>).</summary>
    public TimeSpan ListenerTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The setting's key, named in the timeout error.</summary>
    public const string ListenerTimeoutKey = "ioactors.intents.listenerTimeout";
}
