using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>Intents (<c>ioactors.intents</c>).</summary>
public sealed class IntentsOptions
{
    /// <summary>
    /// How long a raise that starts a handler app waits for the started instance to add its intent listener before it
    /// fails, naming the app and this setting. The default is 30 s.
    /// </summary>
    public HoconDuration ListenerTimeout { get; set; } = HoconDuration.Parse("30s");
}
