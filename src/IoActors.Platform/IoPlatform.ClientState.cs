using IoActors.Platform.Layouts;
using IoActors.Platform.Notifications;
using IoActors.Platform.Preferences;

namespace IoActors.Platform;

/// <summary>The client-API domains that keep state.</summary>
public sealed partial class IoPlatform
{
    /// <summary>The in-process App Preferences API (<c>io.prefs</c>), per user and app.</summary>
    public AppPreferencesManager Preferences { get; }

    /// <summary>The in-process Notifications API (<c>io.notifications</c>).</summary>
    public NotificationsManager Notifications { get; }

    /// <summary>The in-process Layouts API (<c>io.layouts</c>, headless: saved and restored instances).</summary>
    public LayoutsManager Layouts { get; }
}
