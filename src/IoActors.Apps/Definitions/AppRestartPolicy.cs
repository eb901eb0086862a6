using System.Globalization;
using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <summary>
/// The top-level <c>restartPolicy</c> of an app definition as written: a mode (<c>"restartPolicy": "on-failure"</c>) or
/// <c>{"mode", "maxRestarts", "withinMs", "backoffMs", "maxBackoffMs"}</c>, each field <see langword="null"/> where it is
/// missing (the platform fills it from its defaults). Validation and the platform's instance manager both read policies
/// here, so a policy that <c>ioactors validate</c> accepts is one the platform runs.
/// </summary>
/// <remarks>
/// The n-th restart within the window waits <c>backoffMs × 2^(n-1)</c>, capped at <c>maxBackoffMs</c>; more than
/// <c>maxRestarts</c> restarts within <c>withinMs</c> gives up. A window that cannot hold <c>maxRestarts</c> restarts (their
/// backoff alone takes <c>withinMs</c> or longer) would never give up, so it is an error (<see cref="LimitProblem"/>).
/// </remarks>
/// <param name="Mode">"never", "on-failure" or "always" (always spelled so), or <see langword="null"/>.</param>
/// <param name="MaxRestarts">Restarts allowed within <paramref name="Within"/>, or <see langword="null"/>.</param>
/// <param name="Within">The sliding window of the limit, or <see langword="null"/>.</param>
/// <param name="Backoff">The first restart's delay, or <see langword="null"/>.</param>
/// <param name="MaxBackoff">The largest delay, or <see langword="null"/>.</param>
public sealed record AppRestartPolicy(string? Mode, int? MaxRestarts, TimeSpan? Within, TimeSpan? Backoff, TimeSpan? MaxBackoff)
{
    /// <summary>The documented default of <c>maxRestarts</c>: 5.</summary>
    public const int DefaultMaxRestarts = 5;

    // The largest accepted time (withinMs, backoffMs, maxBackoffMs): 2147483647 ms, about 24.8 days.
    private const double MaxMilliseconds = int.MaxValue;

    /// <summary>The documented default of <c>withinMs</c>: 60 s.</summary>
    public static TimeSpan DefaultWithin { get; } = TimeSpan.FromSeconds(60);

    /// <summary>The documented default of <c>backoffMs</c>: 1 s.</summary>
    public static TimeSpan DefaultBackoff { get; } = TimeSpan.FromSeconds(1);

    /// <summary>The documented default of <c>maxBackoffMs</c>: 30 s.</summary>
    public static TimeSpan DefaultMaxBackoff { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads a definition's <c>restartPolicy</c>, reporting every problem at once.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="problems">Every problem (path such as <c>restartPolicy.withinMs</c>, value, rule); empty when the policy is valid.
    /// The rule on the window (<see cref="LimitProblem"/>) needs the platform's defaults for missing fields, so it is left to the caller.</param>
    /// <returns>The fields as written (the valid ones), or <see langword="null"/> when there is no <c>restartPolicy</c> (or it is <c>null</c>).</returns>
    public static AppRestartPolicy? Read(AppDefinition definition, out IReadOnlyList<DefinitionProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!definition.TryGetProperty("restartPolicy", out var value))
        {
            problems = [];
            return null;
        }

        var raw = new List<RawProblem>();
        var policy = Read(value, JsonPath.Root.Property("restartPolicy"), raw);
        var name = definition.Name.Length > 0 ? definition.Name : null;
        problems = raw.ConvertAll(p => new DefinitionProblem(definition.Source, 0, 0, p.Path.ToString(), p.Value, p.Message, p.Severity, name, null));
        return policy;
    }

    /// <summary>Reads a mode name: <c>never</c>, <c>on-failure</c> (also <c>onFailure</c>, <c>on_failure</c>) or <c>always</c>, in any letter case.</summary>
    /// <param name="text">The name.</param>
    /// <returns>The mode spelled <c>never</c>, <c>on-failure</c> or <c>always</c>, or <see langword="null"/> when it is none.</returns>
    public static string? ParseMode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToLowerInvariant() switch
        {
            "never" => "never",
            "on-failure" or "onfailure" or "on_failure" => "on-failure",
            "always" => "always",
            _ => null,
        };
    }

    /// <summary>The delay before the <paramref name="attempt"/>-th restart within the window (1-based): <paramref name="backoff"/> doubling per attempt, capped at <paramref name="maxBackoff"/>.</summary>
    /// <param name="attempt">The restart number, from 1.</param>
    /// <param name="backoff">The first delay.</param>
    /// <param name="maxBackoff">The largest delay.</param>
    /// <returns>The delay.</returns>
    public static TimeSpan DelayFor(int attempt, TimeSpan backoff, TimeSpan maxBackoff)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ticks = backoff.Ticks * Math.Pow(2, exponent);
        return ticks >= maxBackoff.Ticks ? maxBackoff : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// Whether the limit "more than <paramref name="maxRestarts"/> restarts within <paramref name="within"/>" can ever be
    /// reached. Restarts are counted at each exit and the n-th waits <see cref="DelayFor"/>(n) first, so even a process that
    /// exits at once needs the sum of the first <paramref name="maxRestarts"/> delays to exhaust the limit; when that sum is
    /// <paramref name="within"/> or more, the app restarts forever.
    /// </summary>
    /// <param name="maxRestarts">Restarts allowed within the window.</param>
    /// <param name="within">The window.</param>
    /// <param name="backoff">The first delay.</param>
    /// <param name="maxBackoff">The largest delay.</param>
    /// <returns><see langword="null"/> when the limit can be reached; otherwise why not (a message for <c>restartPolicy.withinMs</c>).</returns>
    public static string? LimitProblem(int maxRestarts, TimeSpan within, TimeSpan backoff, TimeSpan maxBackoff)
    {
        if (maxRestarts <= 0)
        {
            return null;
        }

        var needed = 0d;
        for (var n = 1; n <= maxRestarts; n++)
        {
            var delay = DelayFor(n, backoff, maxBackoff).TotalMilliseconds;
            if (delay >= maxBackoff.TotalMilliseconds || n > 31)
            {
                // Every later delay is this one.
                needed += delay * (maxRestarts - n + 1);
                break;
            }

            needed += delay;
        }

        if (needed < within.TotalMilliseconds)
        {
            return null;
        }

        return $"{Ms(within.TotalMilliseconds)} ms cannot hold {maxRestarts} restart{(maxRestarts == 1 ? string.Empty : "s")}: their backoff alone takes {Ms(needed)} ms "
            + $"({Ms(backoff.TotalMilliseconds)} ms, doubling per restart up to {Ms(maxBackoff.TotalMilliseconds)} ms), so the restart limit would never be reached "
            + $"and the app would restart forever; make withinMs greater than {Ms(needed)}, or lower backoffMs or maxRestarts";
    }

    /// <summary>
    /// Checks the policy that results when the fields missing here come from defaults: <c>maxBackoffMs</c> is not less than
    /// <c>backoffMs</c>, and the window can hold <c>maxRestarts</c> restarts (<see cref="LimitProblem"/>). A policy whose mode
    /// is <c>never</c> never restarts, so its limits are not checked.
    /// </summary>
    /// <param name="defaultMode">The default mode, or <see langword="null"/> when unknown (the limits are then checked whatever it is).</param>
    /// <param name="defaultMaxRestarts">The default <c>maxRestarts</c>.</param>
    /// <param name="defaultWithin">The default <c>withinMs</c>.</param>
    /// <param name="defaultBackoff">The default <c>backoffMs</c>.</param>
    /// <param name="defaultMaxBackoff">The default <c>maxBackoffMs</c>.</param>
    /// <returns>Each problem as <c>path: message</c> (e.g. <c>restartPolicy.withinMs: 500 ms cannot hold 5 restarts: …</c>); empty when there is none.</returns>
    public IReadOnlyList<string> ProblemsWithDefaults(string? defaultMode, int defaultMaxRestarts, TimeSpan defaultWithin, TimeSpan defaultBackoff, TimeSpan defaultMaxBackoff) =>
        EffectiveProblems(defaultMode, defaultMaxRestarts, defaultWithin, defaultBackoff, defaultMaxBackoff, JsonPath.Root.Property("restartPolicy"))
            .ConvertAll(p => $"{p.Path}: {p.Message}");

    internal List<(JsonPath Path, string Message)> EffectiveProblems(string? defaultMode, int defaultMaxRestarts, TimeSpan defaultWithin, TimeSpan defaultBackoff, TimeSpan defaultMaxBackoff, JsonPath path)
    {
        var problems = new List<(JsonPath, string)>();
        if ((Mode ?? defaultMode) == "never")
        {
            return problems;
        }

        var backoff = Backoff ?? defaultBackoff;
        var maxBackoff = MaxBackoff ?? defaultMaxBackoff;
        if (maxBackoff < backoff)
        {
            // Both written is a problem Read reports; here one of them is a default.
            problems.Add(Backoff is not null
                ? (path.Property("backoffMs"), $"{Ms(backoff.TotalMilliseconds)} is more than the default maxBackoffMs ({Ms(maxBackoff.TotalMilliseconds)}); set maxBackoffMs too")
                : (path.Property("maxBackoffMs"), $"{Ms(maxBackoff.TotalMilliseconds)} must not be less than the default backoffMs ({Ms(backoff.TotalMilliseconds)}); set backoffMs too"));
            return problems;
        }

        if (LimitProblem(MaxRestarts ?? defaultMaxRestarts, Within ?? defaultWithin, backoff, maxBackoff) is { } limit)
        {
            problems.Add((Within is not null ? path.Property("withinMs") : path, Within is not null ? limit : $"the default withinMs of {limit}"));
        }

        return problems;
    }

    /// <summary>The shared rules: reads <paramref name="value"/> (the <c>restartPolicy</c> at <paramref name="path"/>), adding every problem.</summary>
    internal static AppRestartPolicy? Read(JsonElement value, JsonPath path, List<RawProblem> problems)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                if (ParseMode(value.GetString()!) is { } shorthand)
                {
                    return new AppRestartPolicy(shorthand, null, null, null, null);
                }

                problems.Add(new RawProblem(path, DefinitionValidator.Show(value), $"{DefinitionValidator.Show(value)} is not a mode (expected \"never\", \"on-failure\" or \"always\")", ProblemSeverity.Error));
                return null;
            case JsonValueKind.Object:
                break;
            default:
                problems.Add(new RawProblem(path, DefinitionValidator.Show(value), $"expected a mode (\"never\", \"on-failure\" or \"always\") or an object, got {value.ValueKind.ToString().ToLowerInvariant()}", ProblemSeverity.Error));
                return null;
        }

        string? mode = null;
        if (value.TryGetProperty("mode", out var m))
        {
            mode = m.ValueKind == JsonValueKind.String ? ParseMode(m.GetString()!) : null;
            if (mode is null)
            {
                problems.Add(new RawProblem(path.Property("mode"), DefinitionValidator.Show(m), $"{DefinitionValidator.Show(m)} is not a mode (expected \"never\", \"on-failure\" or \"always\")", ProblemSeverity.Error));
            }
        }

        var max = Number(value, "maxRestarts", 0, integer: true, path, problems);
        var within = Number(value, "withinMs", 1, integer: false, path, problems);
        var backoff = Number(value, "backoffMs", 0, integer: false, path, problems);
        var maxBackoff = Number(value, "maxBackoffMs", 0, integer: false, path, problems);
        if (backoff is { } b && maxBackoff is { } mb && mb < b)
        {
            problems.Add(new RawProblem(path.Property("maxBackoffMs"), Ms(mb), $"{Ms(mb)} must not be less than backoffMs ({Ms(b)})", ProblemSeverity.Error));
            maxBackoff = null;
        }

        return new AppRestartPolicy(mode, max is { } x ? (int)x : null, Time(within), Time(backoff), Time(maxBackoff));
    }

    private static double? Number(JsonElement obj, string name, double min, bool integer, JsonPath path, List<RawProblem> problems)
    {
        if (!obj.TryGetProperty(name, out var v))
        {
            return null;
        }

        var p = path.Property(name);
        var shown = DefinitionValidator.Show(v);
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            problems.Add(new RawProblem(p, shown, $"{shown} is not a number", ProblemSeverity.Error));
            return null;
        }

        var max = integer ? int.MaxValue : MaxMilliseconds;
        string? why = d < min ? $"{Ms(d)} must be at least {Ms(min)}"
            : d > max ? $"{Ms(d)} must be at most {Ms(max)}"
            : integer && d != Math.Floor(d) ? $"{Ms(d)} is not an integer"
            : null;
        if (why is not null)
        {
            problems.Add(new RawProblem(p, shown, why, ProblemSeverity.Error));
            return null;
        }

        return d;
    }

    private static TimeSpan? Time(double? ms) => ms is { } d ? TimeSpan.FromMilliseconds(d) : null;

    private static string Ms(double d) => d.ToString(CultureInfo.InvariantCulture);
}
