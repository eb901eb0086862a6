using System.Text.Json.Nodes;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Internal;

/// <summary>
/// The platform methods of the client-API domains that keep state (<see cref="IGatewayClientState"/>): app preferences
/// and notifications. Registered only when the platform adapter implements it.
/// </summary>
internal sealed partial class PlatformMethods
{
    // How long the platform waits for a client's handler (T42.Prefs.Update, a notification's click handler).
    private static readonly TimeSpan ClientHandlerTimeout = TimeSpan.FromSeconds(10);

    private IDisposable? _clientStateSubscription;

    private async Task StartClientStateAsync(CancellationToken cancellationToken)
    {
        if (_platform is not IGatewayClientState state)
        {
            return;
        }

        await StartPreferencesAsync(state, cancellationToken).ConfigureAwait(false);
        await StartNotificationsAsync(state, cancellationToken).ConfigureAwait(false);
        _clientStateSubscription = state.SubscribeClientState(e =>
        {
            switch (e)
            {
                case GatewayPreferencesChanged changed:
                    OnPreferencesChanged(changed);
                    break;
                case GatewayNotificationRaised or GatewayNotificationClosed or GatewayNotificationClicked:
                    OnNotificationEvent(e);
                    break;
            }
        });
    }

    private void OnClientStatePeer(GatewayPeerInfo peer, bool loggedIn)
    {
        if (!loggedIn)
        {
            _prefsSubscribers.TryRemove(peer.PeerId, out _);
        }
    }

    // The user a caller acts for: the platform's user for the instances it started, else the one the client logged in as.
    private static string UserOf(GatewayPeerInfo caller) => caller.Identity["user"] is JsonValue user && user.TryGetValue<string>(out var name) ? name : "";

    // Dates the JavaScript library turns into Date objects.
    private static string WireDate(DateTimeOffset time) => "#T42_DATE#" + time.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? OptionalString(JsonObject args, string name, string method) => args[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        var other => throw new GatewayMethodException($"{method}: argument '{name}' must be a string, not {other.GetValueKind().ToString().ToLowerInvariant()}."),
    };


    private void InvokeClientHandler(string peerId, string method, JsonObject arguments)
    {
        // Sent now, in event order; the answer is awaited off the caller's thread.
        var call = _gateway.Server.InvokePeerAsync(peerId, method, arguments, ClientHandlerTimeout, _gateway.Core.Stopping.Token);
        _ = call.ContinueWith(
            t =>
            {
                if (t.IsFaulted)
                {
                    _logger.LogDebug(t.Exception, "Calling {Method} on peer {Peer} failed", method, peerId);
                }
                else if (t.IsCompletedSuccessfully && t.Result is { Succeeded: false } failed)
                {
                    _logger.LogDebug("{Method} on peer {Peer} failed: {Error}", method, peerId, failed.Error);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
