using System.Text.Json;
using IoActors.Apps.Definitions;

namespace IoActors.Platform.Instances;

/// <summary>Reads the top-level <c>restartPolicy</c> of an app definition, reporting every problem at once.</summary>
public static class RestartPolicyReader
{
    /// <summary>Reads <paramref name="definition"/>'s <c>restartPolicy</c> over <paramref name="defaults"/>.</summary>
    /// <param name="definition">The app definition.</param>
    /// <param name="defaults">The platform defaults for missing fields.</param>
    /// <param name="problems">Every problem found (field, value, rule); empty when valid.</param>
    /// <returns>The policy (the defaults where a field is missing or invalid).</returns>
    public static RestartPolicy Read(AppDefinition definition, RestartPolicy defaults, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(defaults);
        var list = new List<string>();
        problems = list;
        if (!definition.TryGetProperty("restartPolicy", out var rp) || rp.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return defaults;
        }

        if (rp.ValueKind == JsonValueKind.String)
        {
            // Shorthand: "restartPolicy": "on-failure".
            if (TryParseMode(rp.GetString()!, out var m))
            {
                return defaults with { Mode = m };
            }

            list.Add($"restartPolicy: '{rp.GetString()}' is not a mode (expected \"never\", \"on-failure\" or \"always\")");
            return defaults;
        }

        if (rp.ValueKind != JsonValueKind.Object)
        {
            list.Add($"restartPolicy: expected an object, got {rp.ValueKind.ToString().ToLowerInvariant()}");
            return defaults;
        }

        var policy = defaults;
        if (rp.TryGetProperty("mode", out var mode))
        {
            if (mode.ValueKind == JsonValueKind.String && TryParseMode(mode.GetString()!, out var m))
            {
                policy = policy with { Mode = m };
            }
            else
            {
                list.Add($"restartPolicy.mode: {Show(mode)} is not a mode (expected \"never\", \"on-failure\" or \"always\")");
            }
        }

        if (ReadNumber(rp, "maxRestarts", 0, list) is { } max)
        {
            policy = policy with { MaxRestarts = (int)Math.Min(max, int.MaxValue) };
        }

        if (ReadNumber(rp, "withinMs", 1, list) is { } within)
        {
            policy = policy with { Within = TimeSpan.FromMilliseconds(within) };
        }

        if (ReadNumber(rp, "backoffMs", 0, list) is { } backoff)
        {
            policy = policy with { Backoff = TimeSpan.FromMilliseconds(backoff) };
        }

        if (ReadNumber(rp, "maxBackoffMs", 0, list) is { } maxBackoff)
        {
            policy = policy with { MaxBackoff = TimeSpan.FromMilliseconds(maxBackoff) };
        }

        if (policy.MaxBackoff < policy.Backoff)
        {
            list.Add($"restartPolicy.maxBackoffMs: {policy.MaxBackoff.TotalMilliseconds} must not be less than backoffMs ({policy.Backoff.TotalMilliseconds})");
        }

        return policy;
    }

    /// <summary>Parses a mode name: <c>never</c>, <c>on-failure</c> (also <c>onFailure</c>) or <c>always</c>, case-insensitive.</summary>
    /// <param name="text">The name.</param>
    /// <param name="mode">The mode.</param>
    /// <returns>Whether it is a mode.</returns>
    public static bool TryParseMode(string text, out RestartMode mode)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "never": mode = RestartMode.Never; return true;
            case "on-failure" or "onfailure" or "on_failure": mode = RestartMode.OnFailure; return true;
            case "always": mode = RestartMode.Always; return true;
            default: mode = RestartMode.Never; return false;
        }
    }

    private static double? ReadNumber(JsonElement obj, string name, double min, List<string> problems)
    {
        if (!obj.TryGetProperty(name, out var v))
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || double.IsNaN(d))
        {
            problems.Add($"restartPolicy.{name}: {Show(v)} is not a number");
            return null;
        }

        if (d < min)
        {
            problems.Add($"restartPolicy.{name}: {d} must be at least {min}");
            return null;
        }

        return d;
    }

    private static string Show(JsonElement v) => v.ValueKind == JsonValueKind.String ? $"\"{v.GetString()}\"" : v.GetRawText();
}
