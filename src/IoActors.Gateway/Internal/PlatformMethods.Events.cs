using System.Text.Json.Nodes;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Internal;

/// <summary>
/// T42.ACS.OnEvent: what the clients mirror of the apps and instances. The gateway keeps what it has told them (under
/// <see cref="_eventGate"/>) and every push is a change to that, with a version; a new subscription's snapshot is that
/// state with the version of the last push it includes, so the pushes that reached the subscription while its snapshot
/// was built and are already in it are dropped (see <see cref="ServerStream.OnVersionedSubscribe"/>). The client library
/// adds an instance for every OnApplicationStarted it gets, so a subscriber must get each one once: in its snapshot, or
/// after it, never in both. (Built from a platform query instead, a snapshot listed an instance that was still starting,
/// and its OnApplicationStarted came after it: the page counted that instance twice.)
/// </summary>
internal sealed partial class PlatformMethods
{
    // What clients have been told: the apps by name and the instances by id (under _eventGate).
    private readonly Dictionary<string, GatewayApplication> _toldApps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GatewayInstance> _toldInstances = new(StringComparer.Ordinal);
    // Until the platform's state is first read (the first snapshot): the apps and instances an event already spoke of,
    // whose state the events give, not that read (under _eventGate).
    private readonly HashSet<string> _eventApps = new(StringComparer.Ordinal);
    private readonly HashSet<string> _eventInstances = new(StringComparer.Ordinal);
    private bool _seeded;
    private bool _seeding;
    private long _version;
    private ServerStream? _events;

    private void OnPlatformEvent(GatewayPlatformEvent e)
    {
        lock (_eventGate)
        {
            switch (e)
            {
                case GatewayAppAdded a:
                    TellApp(a.Application);
                    break;
                case GatewayAppChanged c when IsTold(_toldApps, _eventApps, c.Application.Name):
                    TellApp(c.Application);
                    break;
                case GatewayAppRemoved r:
                    SpokenOf(_eventApps, r.Application.Name);
                    if (_toldApps.Remove(r.Application.Name))
                    {
                        PushEvent(Event("OnApplicationRemoved", r.Application.Name, AppProps(r.Application)));
                    }

                    break;
                case GatewayAppReady r when _toldApps.ContainsKey(r.Application.Name):
                    PushEvent(Event("OnApplicationReady", r.Application.Name, new JsonObject { ["Name"] = r.Application.Name, ["IsReady"] = r.IsReady }));
                    break;
                case GatewayInstanceStarted s:
                    TellInstance(s.Instance);
                    break;
                case GatewayInstanceUpdated u when IsTold(_toldInstances, _eventInstances, u.Instance.Id):
                    TellInstance(u.Instance);
                    break;
                case GatewayInstanceStopped s:
                    _gateway.RevokeTokens(s.Instance.Id);
                    TellInstanceGone(s.Instance);
                    break;
                case GatewayInstanceStartFailed f:
                    TellInstanceGone(f.Instance);
                    PushEvent(Event("OnApplicationStartFailed", f.Instance.Id, new JsonObject { ["Name"] = f.Instance.ApplicationName, ["Id"] = f.Instance.Id, ["Reason"] = f.Reason }));
                    break;
            }

            PushAppsEvent(e);
            if (!_seeded && !_seeding)
            {
                // Read the platform now, not at the first snapshot: until then every app and instance an event speaks of
                // is remembered, and a platform no client subscribes to would remember them without end.
                _seeding = true;
                _ = SeedInBackgroundAsync();
            }
        }
    }

    private async Task SeedInBackgroundAsync()
    {
        try
        {
            await Task.Yield();
            await SeedAsync(_gateway.Core.Stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The platform is still starting (or the gateway stopping): the next event, or the first snapshot, tries again.
            _logger.LogDebug(ex, "Reading the platform's apps and instances failed");
        }
        finally
        {
            lock (_eventGate)
            {
                _seeding = false;
            }
        }
    }

    /// <summary>An app was added or changed: OnApplicationAdded when clients do not have it yet, else OnApplicationChanged.</summary>
    private void TellApp(GatewayApplication app)
    {
        SpokenOf(_eventApps, app.Name);
        var known = _toldApps.ContainsKey(app.Name);
        _toldApps[app.Name] = app;
        PushEvent(Event(known ? "OnApplicationChanged" : "OnApplicationAdded", app.Name, AppProps(app)));
    }

    /// <summary>
    /// An instance started or changed: OnApplicationStarted when clients do not have it yet (then its interop-ready
    /// event, if its client connected first: the library drops that event for an instance it does not know), else
    /// OnApplicationUpdated.
    /// </summary>
    private void TellInstance(GatewayInstance instance)
    {
        SpokenOf(_eventInstances, instance.Id);
        var known = _toldInstances.ContainsKey(instance.Id);
        _toldInstances[instance.Id] = instance;
        PushEvent(Event(known ? "OnApplicationUpdated" : "OnApplicationStarted", instance.Id, InstanceProps(instance)));
        if (!known && _interop.TryGetValue(instance.Id, out var agm))
        {
            PushAgmServerReady(instance.Id, instance.ApplicationName, agm);
        }
    }

    /// <summary>An instance ended: OnApplicationStopped when clients have it (the library throws for one it does not know).</summary>
    private void TellInstanceGone(GatewayInstance instance)
    {
        SpokenOf(_eventInstances, instance.Id);
        if (_toldInstances.Remove(instance.Id))
        {
            PushEvent(Event("OnApplicationStopped", instance.Id, new JsonObject { ["Name"] = instance.ApplicationName, ["Id"] = instance.Id }));
        }
    }

    /// <summary>
    /// Whether a change of <paramref name="key"/> is news for clients: they have it, or it is something the platform had
    /// before the gateway subscribed that no event spoke of yet (it is then told as new). A change of one that ended (a late
    /// update after its stop) is not: it must not bring it back.
    /// </summary>
    private bool IsTold<T>(Dictionary<string, T> told, HashSet<string> spoken, string key) =>
        told.ContainsKey(key) || (!_seeded && !spoken.Contains(key));

    private void SpokenOf(HashSet<string> spoken, string key)
    {
        if (!_seeded)
        {
            spoken.Add(key);
        }
    }

    /// <summary>Pushes a change of what clients were told (under <see cref="_eventGate"/>), with the next version.</summary>
    private void PushEvent(JsonObject data) => _events?.Push(data, ++_version);

    private async ValueTask<(JsonNode? Snapshot, long Version)> SnapshotAsync(GatewayInvocation request, CancellationToken cancellationToken)
    {
        await SeedAsync(cancellationToken).ConfigureAwait(false);
        lock (_eventGate)
        {
            var added = new JsonObject();
            foreach (var app in _toldApps.Values)
            {
                added[app.Name] = AppProps(app);
            }

            var started = new JsonObject();
            foreach (var instance in _toldInstances.Values)
            {
                started[instance.Id] = InstanceProps(instance);
            }

            var snapshot = new JsonObject
            {
                ["isSnapshot"] = true,
                ["OnApplicationAdded"] = added,
                ["OnApplicationStarted"] = started,
            };
            return (snapshot, _version);
        }
    }

    /// <summary>
    /// Once: adds what the platform had before the gateway's subscription to its events (the apps its stores loaded and
    /// the instances it started while it started itself). The platform answers only once that subscription is in place,
    /// so whatever changes after the read also comes as an event; an app or instance an event spoke of meanwhile keeps
    /// the state the event gave. Fails (and the next snapshot tries again) while the platform is starting.
    /// </summary>
    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        lock (_eventGate)
        {
            if (_seeded)
            {
                return;
            }
        }

        var apps = await _platform.GetApplicationsAsync(cancellationToken).ConfigureAwait(false);
        var instances = await _platform.GetInstancesAsync(cancellationToken).ConfigureAwait(false);
        lock (_eventGate)
        {
            if (_seeded)
            {
                return;
            }

            foreach (var app in apps)
            {
                if (!_eventApps.Contains(app.Name))
                {
                    _toldApps.TryAdd(app.Name, app);
                }
            }

            foreach (var instance in instances)
            {
                if (!_eventInstances.Contains(instance.Id))
                {
                    _toldInstances.TryAdd(instance.Id, instance);
                }
            }

            _seeded = true;
            _eventApps.Clear();
            _eventInstances.Clear();
        }
    }
}
