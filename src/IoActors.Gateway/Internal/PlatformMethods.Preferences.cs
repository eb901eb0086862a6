using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;

namespace IoActors.Gateway.Internal;

/// <summary>
/// <c>io.prefs</c>: <c>T42.Prefs.Get</c> (<c>{app}</c> → the app's preferences; no app → <c>{all}</c>; with
/// <c>subscribe</c> the caller's <c>T42.Prefs.Update</c> is called now and on every change of that app's preferences)
/// and <c>T42.Prefs.Set</c> (<c>{app, data, merge}</c>, <c>{app, clear}</c>, <c>{clear}</c> for every app), for the
/// caller's user.
/// </summary>
internal sealed partial class PlatformMethods
{
    public const string PrefsGet = "T42.Prefs.Get";
    public const string PrefsSet = "T42.Prefs.Set";
    public const string PrefsUpdate = "T42.Prefs.Update";

    /// <summary>The most apps one connection may subscribe to.</summary>
    public const int MaxPrefsSubscriptionsPerPeer = 1000;

    // Subscribed connections: peer id → its user and the apps it follows.
    private readonly ConcurrentDictionary<string, PrefsSubscriber> _prefsSubscribers = new(StringComparer.Ordinal);

    private async Task StartPreferencesAsync(IGatewayClientState state, CancellationToken cancellationToken)
    {
        var server = _gateway.Server;
        await server.RegisterMethodAsync(PrefsGet, (call, ct) => GetPreferencesAsync(state, call, ct), cancellationToken).ConfigureAwait(false);
        await server.RegisterMethodAsync(PrefsSet, (call, ct) => SetPreferencesAsync(state, call, ct), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<JsonNode?> GetPreferencesAsync(IGatewayClientState state, GatewayInvocation call, CancellationToken cancellationToken)
    {
        var user = UserOf(call.Caller);
        var app = OptionalString(call.Arguments, "app", PrefsGet);
        if (app is null)
        {
            var all = await state.GetAllPreferencesAsync(user, cancellationToken).ConfigureAwait(false);
            return new JsonObject { ["all"] = new JsonArray([.. all.Select(p => (JsonNode?)PrefsWire(p))]) };
        }

        var prefs = await state.GetPreferencesAsync(user, app, cancellationToken).ConfigureAwait(false);
        if (Flag(call.Arguments, "subscribe"))
        {
            var subscriber = _prefsSubscribers.GetOrAdd(call.Caller.PeerId, _ => new PrefsSubscriber(user));
            lock (subscriber)
            {
                if (!subscriber.Apps.Contains(app) && subscriber.Apps.Count >= MaxPrefsSubscriptionsPerPeer)
                {
                    throw new GatewayMethodException($"{PrefsGet}: this connection already follows the preferences of {MaxPrefsSubscriptionsPerPeer} apps; it cannot subscribe to '{app}' too.");
                }

                subscriber.Apps.Add(app);
            }

            // The callback runs once with the current preferences, then on every change.
            InvokeClientHandler(call.Caller.PeerId, PrefsUpdate, PrefsWire(prefs));
        }

        return PrefsWire(prefs);
    }

    private async ValueTask<JsonNode?> SetPreferencesAsync(IGatewayClientState state, GatewayInvocation call, CancellationToken cancellationToken)
    {
        var user = UserOf(call.Caller);
        var app = OptionalString(call.Arguments, "app", PrefsSet);
        if (Flag(call.Arguments, "clear"))
        {
            await state.ClearPreferencesAsync(user, app, cancellationToken).ConfigureAwait(false);
            return new JsonObject();
        }

        if (app is null)
        {
            throw new GatewayMethodException($"{PrefsSet}: argument 'app' is required (or 'clear: true' to clear every app's preferences).");
        }

        if (call.Arguments["data"] is not JsonObject data)
        {
            var kind = call.Arguments["data"] is { } given ? given.GetValueKind().ToString().ToLowerInvariant() : "missing";
            throw new GatewayMethodException($"{PrefsSet}: argument 'data' for app '{app}' must be an object ({kind}).");
        }

        var stored = await state.SetPreferencesAsync(user, app, data, Flag(call.Arguments, "merge"), cancellationToken).ConfigureAwait(false);
        return PrefsWire(stored);
    }

    private void OnPreferencesChanged(GatewayPreferencesChanged changed)
    {
        foreach (var (peerId, subscriber) in _prefsSubscribers)
        {
            bool follows;
            lock (subscriber)
            {
                follows = subscriber.User == changed.User && subscriber.Apps.Contains(changed.Preferences.App);
            }

            if (follows)
            {
                InvokeClientHandler(peerId, PrefsUpdate, PrefsWire(changed.Preferences));
            }
        }
    }

    private static JsonObject PrefsWire(GatewayPreferences prefs)
    {
        var wire = new JsonObject { ["app"] = prefs.App, ["data"] = prefs.Data.DeepClone() };
        if (prefs.LastUpdate is { } last)
        {
            wire["lastUpdate"] = WireDate(last);
        }

        return wire;
    }

    private sealed class PrefsSubscriber(string user)
    {
        public string User { get; } = user;

        public HashSet<string> Apps { get; } = new(StringComparer.Ordinal);
    }
}
