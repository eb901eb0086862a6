namespace IoActors.Platform.Channels;

/// <summary>Asks the channels actor for the channel definitions; answered with <see cref="ChannelList"/>.</summary>
internal sealed record GetChannels
{
    public static GetChannels Instance { get; } = new();
}

/// <summary>The configured channels, in configuration order.</summary>
/// <param name="Channels">The channels.</param>
internal sealed record ChannelList(IReadOnlyList<ChannelDefinition> Channels);
