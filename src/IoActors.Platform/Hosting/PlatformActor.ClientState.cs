using Akka.Actor;
using IoActors.Platform.Notifications;
using IoActors.Platform.Preferences;

namespace IoActors.Platform.Hosting;

/// <summary>The client-API domains that keep state: app preferences (/user/platform/prefs) and notifications (/user/platform/notifications).</summary>
internal sealed partial class PlatformActor
{
    private IActorRef _prefs = ActorRefs.Nobody;
    private IActorRef _notifications = ActorRefs.Nobody;

    private void StartClientStateChildren()
    {
        var own = _options.Configuration.IoActors;
        _prefs = StartChild(PreferencesActor.Props(_journal, own.Preferences.MaxBytesPerApp.Bytes, _options.TimeProvider), "prefs");
        _notifications = StartChild(NotificationsActor.Props(own.Notifications.MaxCount, own.Notifications.MaxBytes.Bytes, _options.TimeProvider), "notifications");
    }

    private PlatformRefs WithClientState(PlatformRefs refs) => refs with { Preferences = _prefs, Notifications = _notifications };
}
