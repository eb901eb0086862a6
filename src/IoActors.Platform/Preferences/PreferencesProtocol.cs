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

/// <summary>
/// Replaces every stored preference of <paramref name="User"/> with <paramref name="Preferences"/> (what io.Manager holds, read
/// at start); an entry with a blank app, data that is not an object or more than the per-app limit is left out and named in
/// the answer, a <see cref="PreferencesReplacement"/>.
/// </summary>
internal sealed record ReplacePreferences(string User, IReadOnlyList<AppPreferences> Preferences);

/// <summary>The answer to <see cref="ReplacePreferences"/>: how many apps' preferences are stored now, how many were removed, and what was left out (and why).</summary>
internal sealed record PreferencesReplacement(int Stored, int Removed, IReadOnlyList<string> Refused);

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

/// <summary>A user's preferences were replaced as a whole (journaled): <paramref name="Entries"/> are all that user has now.</summary>
/// <param name="User">The user.</param>
/// <param name="Entries">The user's preferences now.</param>
internal sealed record PreferencesReplaced(string User, IReadOnlyList<PreferencesStored> Entries);

/// <summary>Every stored preference (a snapshot of the preferences journal).</summary>
/// <param name="Entries">The entries.</param>
internal sealed record PreferencesSnapshot(IReadOnlyList<PreferencesStored> Entries);
