using System.Text.Json;

namespace IoActors.Platform.Preferences;

/// <summary>Asks for one app's preferences; the answer is an <see cref="AppPreferences"/>.</summary>
internal sealed record GetPreferences(string User, string App);

/// <summary>Asks for every app's preferences of a user; the answer is an <c>IReadOnlyList&lt;AppPreferences&gt;</c>.</summary>
internal sealed record GetAllPreferences(string User);

/// <summary>Replaces (or, with <paramref name="Merge"/>, merges into) an app's preferences; the answer is the new <see cref="AppPreferences"/>.</summary>
internal sealed record SetPreferences(string User, string App, JsonElement Data, bool Merge);

/// <summary>Removes one app's preferences (or, with no app, all of the user's); the answer is the apps cleared (<c>IReadOnlyList&lt;string&gt;</c>).</summary>
internal sealed record ClearPreferences(string User, string? App);

/// <summary>An app's preferences were stored (journaled).</summary>
/// <param name="User">The user.</param>
/// <param name="App">The app.</param>
/// <param name="Data">The preferences as JSON text (an object).</param>
/// <param name="LastUpdate">When.</param>
internal sealed record PreferencesStored(string User, string App, string Data, DateTimeOffset LastUpdate);

/// <summary>Apps' preferences were removed (journaled).</summary>
/// <param name="User">The user.</param>
/// <param name="Apps">The apps whose preferences were removed.</param>
internal sealed record PreferencesRemoved(string User, IReadOnlyList<string> Apps);

/// <summary>Every stored preference (a snapshot of the preferences journal).</summary>
/// <param name="Entries">The entries.</param>
internal sealed record PreferencesSnapshot(IReadOnlyList<PreferencesStored> Entries);
