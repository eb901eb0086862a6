using Microsoft.Extensions.Configuration;

namespace IoActors.Platform.Configuration;

/// <summary>The io.Connect Channels (<c>channels</c> in system.json): the system channels every io.Connect client sees.</summary>
public sealed class ChannelsOptions
{
    /// <summary>Whether the configured channels are offered to the io.Connect clients. The default is <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The channel definitions, each <c>{ name, meta { color, ... } }</c> (system.json's <c>channels.definitions</c>).
    /// Kept as a configuration section because <c>meta</c> holds any data; read and checked by the platform at start.
    /// The default is <see langword="null"/> (none); hocon/reference.conf sets IoActors' default channels.
    /// </summary>
    public IConfigurationSection? Definitions { get; set; }
}
