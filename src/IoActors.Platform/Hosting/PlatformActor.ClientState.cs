using Akka.Actor;
using Akka.Pattern;
using IoActors.Platform.Layouts;
using IoActors.Platform.Notifications;
using IoActors.Platform.Preferences;

namespace IoActors.Platform.Hosting;

/// <summary>
/// The client-API domains that keep state: app preferences (/user/platform/prefs, the persistent actor under a backoff
/// supervisor at /user/platform/prefs/store), layouts (/user/platform/layouts, likewise with its store at
/// /user/platform/layouts/store) and notifications (/user/platform/notifications).
/// </summary>
internal sealed partial class PlatformActor
{
    private IActorRef _prefs = ActorRefs.Nobody;
    private IActorRef _notifications = ActorRefs.Nobody;
    private IActorRef _layouts = ActorRefs.Nobody;

    private void StartClientStateChildren()
    {
        var own = _options.Configuration.IoActors;
        // A journal failure stops the persistent actor; its supervisor starts it again (it recovers what was stored),
        // backing off while the journal keeps failing. Requests are forwarded to it with their sender.
        var prefs = PreferencesActor.Props(_journal, own.Preferences.MaxBytesPerApp.Bytes, _options.TimeProvider);
        _prefs = StartChild(BackoffSupervisor.Props(Backoff.OnStop(prefs, "store", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), 0.2, -1)), "prefs");
        var layouts = LayoutsActor.Props(_journal, own.Layouts.MaxCount, own.Layouts.MaxBytes.Bytes, _options.TimeProvider);
        _layouts = StartChild(BackoffSupervisor.Props(Backoff.OnStop(layouts, "store", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), 0.2, -1)), "layouts");
        _notifications = StartChild(NotificationsActor.Props(own.Notifications.MaxCount, own.Notifications.MaxBytes.Bytes, _options.TimeProvider), "notifications");
        StartManagerMirror();
    }

    private PlatformRefs WithClientState(PlatformRefs refs) => refs with { Preferences = _prefs, Notifications = _notifications, Layouts = _layouts };
}
