using System.Text.Json.Nodes;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;

namespace IoActors.Gateway.Internal;

/// <summary>
/// Channels: each configured channel is a server context <c>___channel___&lt;name&gt;</c> holding
/// <c>{ name, meta, data }</c> (what <c>io.channels</c> lists, joins, subscribes to and publishes into), and
/// <c>T42.Channels.Announce</c> answers what the channels library asks the platform: the channel mode at initialization,
/// the announcement, the selector commands of a join or leave (there is no channel selector UI here), restrictions (none).
/// </summary>
internal sealed partial class PlatformMethods
{
    public const string ChannelsAnnounce = "T42.Channels.Announce";

    /// <summary>The prefix of a channel's context name (the channels library's convention).</summary>
    public const string ChannelContextPrefix = "___channel___";

    private async Task StartChannelsAsync(IGatewayServer server, CancellationToken cancellationToken)
    {
        var channels = await _platform.GetChannelsAsync(cancellationToken).ConfigureAwait(false);
        var contexts = channels
            .Select(c => (ChannelContextPrefix + c.Name, new JsonObject { ["name"] = c.Name, ["meta"] = c.Meta.DeepClone(), ["data"] = new JsonObject() }))
            .ToList();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        (await _gateway.RouterAsync(cancellationToken).ConfigureAwait(false)).Tell(new DefineServerContexts(contexts, done), Akka.Actor.ActorRefs.NoSender);
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await server.RegisterMethodAsync(ChannelsAnnounce, AnnounceChannelsAsync, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<JsonNode?> AnnounceChannelsAsync(GatewayInvocation call, CancellationToken cancellationToken)
    {
        var command = call.Arguments["command"]?.ToString();
        switch (command)
        {
            case null:
                // The announcement after initialization ({swId, instance}): no restrictions apply.
                return new JsonObject();
            case "getChannelsMode":
                return await ChannelsModeAsync(call, cancellationToken).ConfigureAwait(false);
            case "switchChannel":
            case "leaveChannel":
                // A join or leave of the caller itself updates its channel selector: there is none on this host. For
                // another window (swId), the platform would have to move that window: there are no windows here.
                var swId = call.Arguments["swId"]?.ToString();
                if (swId is not null && swId != call.Caller.InstanceId && swId != call.Caller.Identity["instance"]?.ToString())
                {
                    throw NotSupported(command == "switchChannel" ? "channels.join with a windowId" : "channels.leave with a windowId", "there are no windows on this host: an app joins and leaves channels itself");
                }

                return new JsonObject();
            case "getRestrictions":
                return new JsonObject { ["channels"] = new JsonArray() };
            case "getChannelsInfo":
                return new JsonObject { ["windows"] = new JsonArray() };
            case "restrict":
            case "restrictAll":
                throw NotSupported("channels." + command, "channel restrictions belong to the channel selector of a window");
            case "addChannel":
            case "removeChannel":
                throw NotSupported(command == "addChannel" ? "channels.add" : "channels.remove", "the channels are the platform's configuration (channels.definitions)");
            default:
                throw NotSupported("T42.Channels.Announce " + command);
        }
    }

    // The channel mode and initial channel of the caller's app: its definition's details.channelSelector ("multi" and
    // "directionalMulti" select the multi mode; channelId the channel it joins at initialization).
    private async Task<JsonObject> ChannelsModeAsync(GatewayInvocation call, CancellationToken cancellationToken)
    {
        var appName = call.Caller.Identity["applicationName"]?.ToString() ?? call.Caller.Application;
        var app = appName is null ? null : (await _platform.GetApplicationsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(a => a.Name == appName);
        var selector = app?.Definition["details"] is JsonObject details ? details["channelSelector"] as JsonObject : null;
        var type = selector?["type"] is JsonValue t && t.TryGetValue<string>(out var typeText) ? typeText : null;
        var initial = selector?["channelId"] is JsonValue c && c.TryGetValue<string>(out var channel) && channel.Length > 0 ? channel : null;
        return new JsonObject
        {
            ["mode"] = type is "multi" or "directionalMulti" ? "multi" : "single",
            ["initialChannel"] = initial,
        };
    }
}
