using System.Text.Json;
using Akka.Actor;
using IoActors.Platform.AppManagement;

namespace IoActors.Platform.Preferences;

/// <summary>
/// The in-process App Preferences API, mirroring io.Connect's <c>io.prefs</c>: per user and app, get, set (replace),
/// update (merge the top-level properties), clear, and change events. A refused request throws
/// <see cref="PreferencesException"/>.
/// </summary>
public sealed class AppPreferencesManager
{
    private readonly ActorSystem _system;
    private readonly IActorRef _prefs;
    private readonly TimeSpan _timeout;

    internal AppPreferencesManager(ActorSystem system, IActorRef prefs, TimeSpan timeout)
    {
        _system = system;
        _prefs = prefs;
        _timeout = timeout;
    }

    /// <summary>An app's preferences for a user (an empty object when none are stored).</summary>
    /// <param name="user">The user.</param>
    /// <param name="app">The app.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The preferences.</returns>
    public Task<AppPreferences> GetAsync(string user, string app, CancellationToken cancellationToken = default) =>
        _prefs.Ask<AppPreferences>(new GetPreferences(user, app), _timeout, cancellationToken);

    /// <summary>Every app's stored preferences for a user, ordered by app name.</summary>
    /// <param name="user">The user.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The preferences.</returns>
    public Task<IReadOnlyList<AppPreferences>> GetAllAsync(string user, CancellationToken cancellationToken = default) =>
        _prefs.Ask<IReadOnlyList<AppPreferences>>(new GetAllPreferences(user), _timeout, cancellationToken);

    /// <summary>Replaces an app's preferences (<c>set</c>), or merges the given top-level properties into them (<c>update</c>).</summary>
    /// <param name="user">The user.</param>
    /// <param name="app">The app.</param>
    /// <param name="data">The preferences: a JSON object.</param>
    /// <param name="merge">Whether to merge into the stored preferences rather than replace them.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The preferences as stored.</returns>
    public Task<AppPreferences> SetAsync(string user, string app, JsonElement data, bool merge = false, CancellationToken cancellationToken = default) =>
        _prefs.Ask<AppPreferences>(new SetPreferences(user, app, data.Clone(), merge), _timeout, cancellationToken);

    /// <summary>Removes an app's preferences for a user, or with <paramref name="app"/> <see langword="null"/> all of that user's.</summary>
    /// <param name="user">The user.</param>
    /// <param name="app">The app, or <see langword="null"/> for every app.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The apps whose preferences were removed.</returns>
    public Task<IReadOnlyList<string>> ClearAsync(string user, string? app, CancellationToken cancellationToken = default) =>
        _prefs.Ask<IReadOnlyList<string>>(new ClearPreferences(user, app), _timeout, cancellationToken);

    /// <summary>Calls <paramref name="handler"/> for every change of any user's preferences, in order.</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable OnChanged(Action<PreferencesChanged> handler) => EventHandlerSubscription.Create(_system, handler);
}
