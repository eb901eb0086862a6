using IoActors.Apps.Definitions;

namespace IoActors.Platform.Instances;

/// <summary>
/// Reads the top-level <c>restartPolicy</c> of an app definition, reporting every problem at once. The rules are those of
/// <see cref="AppRestartPolicy"/> (the ones <c>ioactors validate</c> applies), checked again here with the platform's own
/// defaults for the missing fields.
/// </summary>
internal static class RestartPolicyReader
{
    /// <summary>Reads <paramref name="definition"/>'s <c>restartPolicy</c> over <paramref name="defaults"/>.</summary>
    /// <param name="definition">The app definition.</param>
    /// <param name="defaults">The platform defaults for missing fields.</param>
    /// <param name="problems">Every problem found (field, value, rule); empty when valid. A window that cannot hold
    /// <c>maxRestarts</c> restarts (with the defaults filled in) is a problem: such a policy would never give up.</param>
    /// <returns>The policy (the defaults where a field is missing or invalid).</returns>
    public static RestartPolicy Read(AppDefinition definition, RestartPolicy defaults, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(defaults);
        var written = AppRestartPolicy.Read(definition, out var found);
        var list = found.Select(p => $"{p.Path}: {p.Message}").ToList();
        problems = list;
        if (written is null)
        {
            return defaults;
        }

        if (list.Count == 0)
        {
            list.AddRange(written.ProblemsWithDefaults(ModeName(defaults.Mode), defaults.MaxRestarts, defaults.Within, defaults.Backoff, defaults.MaxBackoff));
        }

        return new RestartPolicy(
            written.Mode is { } mode && TryParseMode(mode, out var m) ? m : defaults.Mode,
            written.MaxRestarts ?? defaults.MaxRestarts,
            written.Within ?? defaults.Within,
            written.Backoff ?? defaults.Backoff,
            written.MaxBackoff ?? defaults.MaxBackoff);
    }

    /// <summary>Parses a mode name: <c>never</c>, <c>on-failure</c> (also <c>onFailure</c>) or <c>always</c>, case-insensitive.</summary>
    /// <param name="text">The name.</param>
    /// <param name="mode">The mode.</param>
    /// <returns>Whether it is a mode.</returns>
    public static bool TryParseMode(string text, out RestartMode mode)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (AppRestartPolicy.ParseMode(text))
        {
            case "on-failure": mode = RestartMode.OnFailure; return true;
            case "always": mode = RestartMode.Always; return true;
            case "never": mode = RestartMode.Never; return true;
            default: mode = RestartMode.Never; return false;
        }
    }

    /// <summary>The configuration name of a mode (<c>never</c>, <c>on-failure</c>, <c>always</c>).</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>The name.</returns>
    public static string ModeName(RestartMode mode) => mode switch
    {
        RestartMode.OnFailure => "on-failure",
        RestartMode.Always => "always",
        _ => "never",
    };
}
