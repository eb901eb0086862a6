namespace IoActors.Apps.Stores;

/// <summary>Checks <see cref="AppStoresSettings"/> and reports every problem at once.</summary>
internal static class StoreSettingsValidator
{
    public static IReadOnlyList<string> Validate(AppStoresSettings settings)
    {
        var problems = new List<string>();
        if (settings.AppStoresTimeout <= TimeSpan.Zero)
        {
            problems.Add($"appStoresTimeout: {settings.AppStoresTimeout.TotalMilliseconds} ms must be positive");
        }

        var plans = StorePlan.Build(settings);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            var where = $"store '{plan.Id}'";
            if (!ids.Add(plan.Id))
            {
                problems.Add($"{where}: id \"{plan.Id}\" is used by another store; store ids must be unique");
            }

            if (plan.Id.Length == 0 || plan.Id[0] == '$' || !plan.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                problems.Add($"{where}: id \"{plan.Id}\" must be non-empty and use only ASCII letters, digits, '-', '_' and '.'");
            }

            switch (plan.Settings)
            {
                case null:
                    break;
                case PathStoreSettings p:
                    if (string.IsNullOrWhiteSpace(p.Path))
                    {
                        problems.Add($"{where}: details.path is required");
                    }

                    Positive(problems, where, "debounceInterval", p.DebounceInterval, allowZero: true);
                    Positive(problems, where, "rescanInterval", p.RescanInterval, allowZero: true);
                    Positive(problems, where, "startRetryInterval", p.StartRetryInterval, allowZero: false);
                    NotNegative(problems, where, "startRetries", p.StartRetries);
                    break;
                case RestStoreSettings r:
                    if (r.Url is null || !r.Url.IsAbsoluteUri || (r.Url.Scheme != Uri.UriSchemeHttp && r.Url.Scheme != Uri.UriSchemeHttps))
                    {
                        problems.Add($"{where}: details.url \"{r.Url}\" must be an absolute http or https URL");
                    }

                    Positive(problems, where, "pollInterval", r.PollInterval, allowZero: false);
                    Positive(problems, where, "requestTimeout", r.RequestTimeout, allowZero: false);
                    Positive(problems, where, "startRetryInterval", r.StartRetryInterval, allowZero: false);
                    Positive(problems, where, "readCacheAfter", r.ReadCacheAfter, allowZero: true);
                    NotNegative(problems, where, "startRetries", r.StartRetries);
                    if (r.EnablePersistentCache && string.IsNullOrWhiteSpace(r.CacheFolder))
                    {
                        problems.Add($"{where}: cacheFolder is required when enablePersistentCache is true");
                    }

                    break;
                case ServerStoreSettings s:
                    if (plan.Kind == Definitions.StoreKind.System)
                    {
                        problems.Add($"{where}: type \"server\" is not allowed in systemAppStores (path or rest only)");
                    }

                    if (s.Url is null || !s.Url.IsAbsoluteUri || (s.Url.Scheme != Uri.UriSchemeHttp && s.Url.Scheme != Uri.UriSchemeHttps))
                    {
                        problems.Add($"{where}: server.url \"{s.Url}\" must be an absolute http or https URL");
                    }

                    Positive(problems, where, "readCacheAfter", s.ReadCacheAfter, allowZero: true);
                    if (s.EnablePersistentCache && string.IsNullOrWhiteSpace(s.CacheFolder))
                    {
                        problems.Add($"{where}: cacheFolder is required when enablePersistentCache is true");
                    }

                    if (s.Username is not null && s.Password is null)
                    {
                        problems.Add($"{where}: auth.basic.password is required with auth.basic.username");
                    }

                    Positive(problems, where, "pollInterval", s.PollInterval, allowZero: false);
                    Positive(problems, where, "tokenRefreshInterval", s.TokenRefreshInterval, allowZero: false);
                    Positive(problems, where, "requestTimeout", s.RequestTimeout, allowZero: false);
                    Positive(problems, where, "startRetryInterval", s.StartRetryInterval, allowZero: false);
                    NotNegative(problems, where, "startRetries", s.StartRetries);
                    break;
            }
        }

        return problems;
    }

    private static void Positive(List<string> problems, string where, string field, TimeSpan value, bool allowZero)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            problems.Add($"{where}: {field} {value.TotalMilliseconds} ms must be {(allowZero ? "zero or positive" : "positive")}");
        }
    }

    private static void NotNegative(List<string> problems, string where, string field, int value)
    {
        if (value < 0)
        {
            problems.Add($"{where}: {field} {value} must be zero or positive");
        }
    }
}
