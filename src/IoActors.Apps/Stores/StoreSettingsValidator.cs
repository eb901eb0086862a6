namespace IoActors.Apps.Stores;

/// <summary>Checks <see cref="AppStoresSettings"/> and reports every problem at once.</summary>
internal static class StoreSettingsValidator
{
    /// <summary>The longest store id.</summary>
    public const int MaxIdLength = 64;

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

            if (IdProblem(plan.Id) is { } idProblem)
            {
                problems.Add($"{where}: id {idProblem}");
            }

            if (plan.Settings is { } common && common.MaxPayloadSize <= 0)
            {
                problems.Add($"{where}: maxPayloadSize {common.MaxPayloadSize} must be positive");
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
                    HttpUrl(problems, where, "details.url", r.Url);
                    Positive(problems, where, "pollInterval", r.PollInterval, allowZero: false);
                    Remote(problems, where, r);
                    break;
                case ServerStoreSettings s:
                    if (plan.Kind == Definitions.StoreKind.System)
                    {
                        problems.Add($"{where}: type \"server\" is not allowed in systemAppStores (path or rest only)");
                    }

                    HttpUrl(problems, where, "server.url", s.Url);
                    if (s.Username is not null && s.Password is null)
                    {
                        problems.Add($"{where}: auth.basic.password is required with auth.basic.username");
                    }

                    Positive(problems, where, "pollInterval", s.PollInterval, allowZero: false);
                    Positive(problems, where, "tokenRefreshInterval", s.TokenRefreshInterval, allowZero: false);
                    Remote(problems, where, s);
                    break;
            }
        }

        return problems;
    }

    /// <summary>Why <paramref name="id"/> cannot name a store (it is an actor name, part of a file name and of event data), or <see langword="null"/>.</summary>
    public static string? IdProblem(string id)
    {
        if (id.Length is 0 or > MaxIdLength || id is "." or ".." || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return $"\"{id}\" must have 1 to {MaxIdLength} ASCII letters, digits, '-', '_' or '.' and not be \".\" or \"..\"";
        }

        return null;
    }

    // The settings the REST store and io.Manager share.
    private static void Remote(List<string> problems, string where, RemoteStoreSettings r)
    {
        Positive(problems, where, "requestTimeout", r.RequestTimeout, allowZero: false);
        Positive(problems, where, "startRetryInterval", r.StartRetryInterval, allowZero: false);
        Positive(problems, where, "readCacheAfter", r.ReadCacheAfter, allowZero: true);
        NotNegative(problems, where, "startRetries", r.StartRetries);
        if (r.EnablePersistentCache && string.IsNullOrWhiteSpace(r.CacheFolder))
        {
            problems.Add($"{where}: cacheFolder is required when enablePersistentCache is true");
        }
    }

    private static void HttpUrl(List<string> problems, string where, string field, Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{where}: {field} \"{url}\" must be an absolute http or https URL");
        }
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
