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

                await TrackMembershipAsync(call, command, cancellationToken).ConfigureAwait(false);
                return new JsonObject();
            case "getRestrictions":
                return new JsonObject { ["channels"] = new JsonArray() };
            case "getChannelsInfo":
                return ChannelsInfo(call.Arguments["data"] is JsonObject data ? data["filter"] as JsonObject : null);
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

    // Which channels each instance is on (what getWindowsWithChannels / getWindowsOnChannel report), from the selector
    // commands its client sends after each join and leave: instance id → its app and channels. Ends with the connection.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ChannelMember> _channelMembers = new(StringComparer.Ordinal);

    private async Task TrackMembershipAsync(GatewayInvocation call, string command, CancellationToken cancellationToken)
    {
        var instance = call.Arguments["swId"]?.ToString() ?? call.Caller.InstanceId ?? call.Caller.Identity["instance"]?.ToString();
        if (instance is null)
        {
            return;
        }

        var data = call.Arguments["data"] as JsonObject;
        var given = ChannelNames(data?[command == "switchChannel" ? "newChannel" : "channel"]);
        var multi = command == "switchChannel" && given is { IsList: false, Names.Count: 1 }
            && (await ChannelsModeAsync(call, cancellationToken).ConfigureAwait(false))["mode"]?.ToString() == "multi";
        var app = call.Caller.Identity["applicationName"]?.ToString() ?? call.Caller.Application ?? string.Empty;
        var member = _channelMembers.GetOrAdd(instance, _ => new ChannelMember(app));
        lock (member.Channels)
        {
            if (command == "switchChannel" && !multi)
            {
                // Single mode (or the whole set at once): the channels are what it names now.
                member.Channels.Clear();
            }

            foreach (var name in given.Names)
            {
                if (command == "switchChannel")
                {
                    member.Channels.Add(name);
                }
                else
                {
                    member.Channels.Remove(name);
                }
            }

            if (command == "leaveChannel" && given.Names.Count == 0)
            {
                member.Channels.Clear();
            }
        }
    }

    // A channel argument: nothing (no channel), one name, or the JSON list a multi-channel client sends for its set.
    private static (bool IsList, List<string> Names) ChannelNames(JsonNode? node)
    {
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text) || text.Length == 0)
        {
            return (false, []);
        }

        if (text.StartsWith('['))
        {
            try
            {
                if (JsonNode.Parse(text) is JsonArray list)
                {
                    return (true, [.. list.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var n) ? n : null).OfType<string>()]);
                }
            }
            catch (System.Text.Json.JsonException)
            {
            }
        }

        return (false, [text]);
    }

    private JsonObject ChannelsInfo(JsonObject? filter)
    {
        var application = filter?["application"]?.ToString();
        var ids = Names(filter?["windowIds"]);
        var channels = Names(filter?["channels"]);
        var windows = new JsonArray();
        foreach (var (instance, member) in _channelMembers.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if ((application is not null && member.App != application) || (ids is not null && !ids.Contains(instance)))
            {
                continue;
            }

            lock (member.Channels)
            {
                foreach (var channel in member.Channels.Where(ch => channels is null || channels.Contains(ch)).Order(StringComparer.Ordinal))
                {
                    windows.Add(new JsonObject { ["windowId"] = instance, ["channel"] = channel, ["application"] = member.App });
                }
            }
        }

        return new JsonObject { ["windows"] = windows };
    }

    private void OnChannelsPeer(GatewayPeerInfo peer, bool loggedIn)
    {
        if (!loggedIn && (peer.InstanceId ?? peer.Identity["instance"]?.ToString()) is { } instance)
        {
            _channelMembers.TryRemove(instance, out _);
        }
    }

    private sealed class ChannelMember(string app)
    {
        public string App { get; } = app;

        public HashSet<string> Channels { get; } = new(StringComparer.Ordinal);
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
