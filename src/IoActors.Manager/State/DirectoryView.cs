using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace IoActors.Manager.State;

/// <summary>
/// An immutable view of the directory (users, groups, apps, shared layouts) that request handlers read without asking
/// the directory actor; the actor publishes a new one after every change. A user's app list (the JSON bytes served by
/// <c>GET /user/apps</c> and its ETag) is computed once per view for each distinct set of apps and shared by every user
/// whose groups give that set; the cache is bounded in bytes (<see cref="MaxCachedBytes"/>), past which lists are built per request.
/// </summary>
internal sealed class DirectoryView
{
    /// <summary>The bytes of app lists one view caches.</summary>
    internal const long MaxCachedBytes = 256L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, AppList> _bySignature = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AppList> _bySet = new(StringComparer.Ordinal);
    private readonly FrozenSet<string> _directlyGranted;
    private long _cachedBytes;

    public DirectoryView(long version, IEnumerable<ManagerUser> users, IEnumerable<string> groups, IEnumerable<ManagerApp> apps, IEnumerable<SharedLayout> layouts)
    {
        Version = version;
        Users = users.ToFrozenDictionary(u => u.Id, StringComparer.OrdinalIgnoreCase);
        Groups = groups.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        Apps = [.. apps.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)];
        AppsByName = Apps.ToFrozenDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
        SharedLayouts = [.. layouts.OrderBy(l => l.Type, StringComparer.Ordinal).ThenBy(l => l.Name, StringComparer.Ordinal)];
        _directlyGranted = Apps.SelectMany(a => a.Access.Users).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>An empty directory.</summary>
    public static DirectoryView Empty { get; } = new(0, [], [], [], []);

    /// <summary>Increases with every change.</summary>
    public long Version { get; }

    public FrozenDictionary<string, ManagerUser> Users { get; }

    public FrozenSet<string> Groups { get; }

    /// <summary>The apps, ordered by name.</summary>
    public IReadOnlyList<ManagerApp> Apps { get; }

    public FrozenDictionary<string, ManagerApp> AppsByName { get; }

    /// <summary>The shared layouts, ordered by type and name.</summary>
    public IReadOnlyList<SharedLayout> SharedLayouts { get; }

    /// <summary>The groups of a user: the directory's, plus those a token named.</summary>
    public IReadOnlyList<string> GroupsOf(string user, IReadOnlyList<string>? tokenGroups)
    {
        IEnumerable<string> groups = Users.TryGetValue(user, out var known) ? known.Groups : [];
        if (tokenGroups is { Count: > 0 })
        {
            groups = groups.Concat(tokenGroups);
        }

        return [.. groups.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The apps a user is entitled to, as served.</summary>
    public AppList AppsFor(string user, IReadOnlyList<string> groups)
    {
        var signature = _directlyGranted.Contains(user)
            ? "u:" + user.ToUpperInvariant() + "|" + string.Join('|', groups).ToUpperInvariant()
            : "g:" + string.Join('|', groups).ToUpperInvariant();
        if (_bySignature.TryGetValue(signature, out var cached))
        {
            return cached;
        }

        var entitled = Apps.Where(a => IsEntitled(a.Access, user, groups)).ToList();
        var setKey = string.Join('\n', entitled.Select(a => a.Name));
        if (_bySet.TryGetValue(setKey, out var shared))
        {
            _bySignature.TryAdd(signature, shared);
            return shared;
        }

        var list = AppList.Build(entitled);
        if (Interlocked.Add(ref _cachedBytes, list.Json.Length + setKey.Length * 2) <= MaxCachedBytes)
        {
            list = _bySet.GetOrAdd(setKey, list);
            _bySignature.TryAdd(signature, list);
        }

        return list;
    }

    /// <summary>Whether an app's access list lets the user see it.</summary>
    public static bool IsEntitled(AppAccess access, string user, IReadOnlyList<string> groups) =>
        access.Everyone
        || access.Users.Contains(user, StringComparer.OrdinalIgnoreCase)
        || access.Groups.Any(g => groups.Contains(g, StringComparer.OrdinalIgnoreCase));

    /// <summary>The shared layouts a user sees: the public ones and those whose access list names the user or one of the groups.</summary>
    public IEnumerable<SharedLayout> SharedLayoutsFor(string user, IReadOnlyList<string> groups) =>
        SharedLayouts.Where(l => l.Public
            || l.AccessList.Contains(user, StringComparer.OrdinalIgnoreCase)
            || l.AccessList.Any(a => groups.Contains(a, StringComparer.OrdinalIgnoreCase)));
}

/// <summary>A user's app list as served: a JSON array of the definitions, its strong ETag and the app names.</summary>
internal sealed record AppList(byte[] Json, string ETag, IReadOnlyList<string> Names)
{
    public static AppList Build(IReadOnlyList<ManagerApp> apps)
    {
        var text = new StringBuilder(apps.Sum(a => a.Definition.Length + 1) + 2);
        text.Append('[');
        for (var i = 0; i < apps.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(apps[i].Definition);
        }

        text.Append(']');
        var json = Encoding.UTF8.GetBytes(text.ToString());
        return new AppList(json, ETagOf(json), [.. apps.Select(a => a.Name)]);
    }

    /// <summary>A strong ETag of bytes: <c>"</c> + 32 hex digits of their SHA-256 + <c>"</c>.</summary>
    public static string ETagOf(ReadOnlySpan<byte> bytes) => "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16)) + "\"";
}
