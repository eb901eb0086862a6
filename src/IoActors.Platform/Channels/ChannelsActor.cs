using Akka.Actor;

namespace IoActors.Platform.Channels;

/// <summary>
/// The channels actor (/user/platform/channels): holds the channel definitions read from the configuration at start
/// (<c>channels.definitions</c>, none when <c>channels.enabled</c> is false). The channels' data lives in the gateway's
/// shared contexts (<c>___channel___&lt;name&gt;</c>), which the gateway creates from these definitions.
/// </summary>
internal sealed class ChannelsActor : ReceiveActor
{
    public ChannelsActor(IReadOnlyList<ChannelDefinition> channels)
    {
        var list = new ChannelList(channels);
        Receive<GetChannels>(_ => Sender.Tell(list, Self));
    }

    public static Props Props(IReadOnlyList<ChannelDefinition> channels) => Akka.Actor.Props.Create(() => new ChannelsActor(channels));
}
