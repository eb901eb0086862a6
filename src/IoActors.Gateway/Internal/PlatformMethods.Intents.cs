using System.Text.Json.Nodes;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;

namespace IoActors.Gateway.Internal;

/// <summary>
/// The intents part of the platform methods. io.Connect clients keep an intent listener as an interop method named
/// <c>Tick42.FDC3.Intents.&lt;intent&gt;</c> (<c>flags.metadata.intent</c>: <c>{displayName, contextTypes, resultType, customConfig, …}</c>)
/// and read the apps' handlers from <c>T42.ACS.GetApplications {withIntentsInfo: true}</c>. With a platform that keeps
/// intent handlers (<see cref="IGatewayIntents"/>), the listeners of instance-bound clients are reported to it, the
/// answer lists its app handlers (in its order), and a start marked <c>startedByIntentAPI</c> goes through it.
/// </summary>
internal sealed partial class PlatformMethods
{
    /// <summary>The prefix of the interop methods io.Connect clients register for intent listeners.</summary>
    public const string IntentMethodPrefix = "Tick42.FDC3.Intents.";

    private IGatewayIntents? Intents => _platform as IGatewayIntents;

    private void OnMethods(GatewayPeerInfo peer, IReadOnlyList<JsonObject> methods, bool added)
    {
        if (Intents is not { } intents || peer.InstanceId is not { } instanceId)
        {
            return;
        }

        foreach (var method in methods)
        {
            if (method["name"] is not JsonValue n || !n.TryGetValue<string>(out var name) || !name.StartsWith(IntentMethodPrefix, StringComparison.Ordinal)
                || name.Length == IntentMethodPrefix.Length)
            {
                continue;
            }

            var intent = name[IntentMethodPrefix.Length..];
            if (!added)
            {
                intents.IntentListenerRemoved(instanceId, intent);
                continue;
            }

            // The client sends its method flags as flags.metadata ({intent: {...}} for an intent listener).
            var flags = method["flags"] is JsonObject f && (f["metadata"] as JsonObject ?? f)["intent"] is JsonObject i ? i : null;
            var app = peer.Identity["applicationName"] is JsonValue a && a.TryGetValue<string>(out var appName) ? appName : peer.Application ?? string.Empty;
            intents.IntentListenerAdded(new GatewayIntentHandler(intent, app, instanceId)
            {
                DisplayName = Text(flags, "displayName"),
                ContextTypes = flags?["contextTypes"] is JsonArray types ? [.. types.OfType<JsonValue>().Select(t => t.TryGetValue<string>(out var s) ? s : null).OfType<string>()] : [],
                ResultType = Text(flags, "resultType"),
                CustomConfig = flags?["customConfig"] is JsonObject custom ? (JsonObject)custom.DeepClone() : null,
            });
        }
    }

    private static string? Text(JsonObject? o, string name) => o?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>
    /// The <c>withIntentsInfo</c> answer: one entry per app (name, title, caption, icon, version, intents). With an
    /// <see cref="IGatewayIntents"/> platform the apps with handlers come first, in its order, with its handlers; else every
    /// app with the well-formed entries of its definition's <c>intents</c>.
    /// </summary>
    private async Task<JsonArray> IntentsInfoAsync(IReadOnlyList<GatewayApplication> apps, CancellationToken cancellationToken)
    {
        if (Intents is not { } intents)
        {
            return [.. apps.Select(a => (JsonNode?)AppIntents(a, DeclaredIntents(a)))];
        }

        var handlers = await intents.GetIntentHandlersAsync(cancellationToken).ConfigureAwait(false);
        var byName = apps.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var answer = new JsonArray();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in handlers.Where(h => h.InstanceId is null).GroupBy(h => h.ApplicationName, StringComparer.Ordinal))
        {
            if (byName.TryGetValue(group.Key, out var app) && listed.Add(app.Name))
            {
                answer.Add(AppIntents(app, [.. group.Select(h => (JsonNode?)Declaration(h))]));
            }
        }

        foreach (var app in apps.Where(a => !listed.Contains(a.Name)))
        {
            answer.Add(AppIntents(app, []));
        }

        return answer;
    }

    private static JsonObject AppIntents(GatewayApplication app, JsonArray intents) => new()
    {
        ["name"] = app.Name,
        ["title"] = app.Title ?? app.Name,
        ["caption"] = app.Caption,
        ["icon"] = app.Icon,
        ["version"] = app.Version,
        ["intents"] = intents,
    };

    private static JsonArray DeclaredIntents(GatewayApplication app)
    {
        var intents = new JsonArray();
        if (app.Definition["intents"] is JsonArray declared)
        {
            foreach (var intent in declared)
            {
                if (intent is JsonObject o && o["name"] is JsonValue name && name.TryGetValue<string>(out var text) && text.Length > 0)
                {
                    intents.Add(o.DeepClone());
                }
            }
        }

        return intents;
    }

    private static JsonObject Declaration(GatewayIntentHandler handler)
    {
        var o = new JsonObject { ["name"] = handler.Intent };
        if (handler.DisplayName is { } displayName)
        {
            o["displayName"] = displayName;
        }

        if (handler.ContextTypes.Count > 0)
        {
            o["contexts"] = new JsonArray([.. handler.ContextTypes.Select(c => (JsonNode?)JsonValue.Create(c))]);
        }

        if (handler.ResultType is { } resultType)
        {
            o["resultType"] = resultType;
        }

        if (handler.CustomConfig is { } custom)
        {
            o["customConfig"] = custom.DeepClone();
        }

        return o;
    }
}
