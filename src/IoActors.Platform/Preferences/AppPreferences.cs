using System.Text.Json;

namespace IoActors.Platform.Preferences;

/// <summary>One app's preferences for one user (<c>io.prefs</c>).</summary>
/// <param name="App">The app's name.</param>
/// <param name="Data">The preferences: a JSON object (empty when none are stored).</param>
/// <param name="LastUpdate">When they last changed; <see langword="null"/> when none were ever stored.</param>
public sealed record AppPreferences(string App, JsonElement Data, DateTimeOffset? LastUpdate);

/// <summary>An app's preferences changed for a user (set, updated or cleared); published on the event stream.</summary>
/// <param name="User">The user whose preferences changed.</param>
/// <param name="Preferences">The preferences as they are now (an empty object once cleared).</param>
public sealed record PreferencesChanged(string User, AppPreferences Preferences)
{
    /// <summary>Whether the change came from io.Manager (the import at start), so it is not written back there.</summary>
    internal bool FromServer { get; init; }
}

/// <summary>A preferences request was refused: no app name, data that is not a JSON object, or more bytes than allowed.</summary>
public sealed class PreferencesException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong, naming the app and the value.</param>
    public PreferencesException(string message)
        : base(message)
    {
    }
}
