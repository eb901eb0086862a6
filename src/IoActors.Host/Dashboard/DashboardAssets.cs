using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace IoActors.Host.Dashboard;

/// <summary>
/// The dashboard's files: the ones built into the host assembly (every file under Dashboard/wwwroot, embedded as
/// <c>dashboard/&lt;path&gt;</c>), or, when <c>ioactors.api.dashboard.folder</c> is set, the files of that folder read at
/// each request (for working on them). Each file has its content type and an entity tag.
/// </summary>
internal sealed class DashboardAssets
{
    private const string Prefix = "dashboard/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".woff2"] = "font/woff2",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, Asset> _embedded;
    private readonly string? _folder;

    private DashboardAssets(FrozenDictionary<string, Asset> embedded, string? folder)
    {
        _embedded = embedded;
        _folder = folder;
    }

    /// <summary>The built-in files, or those of <paramref name="folder"/> when it is given.</summary>
    /// <param name="folder">A folder to serve from instead, or <see langword="null"/>.</param>
    /// <returns>The assets.</returns>
    public static DashboardAssets Create(string? folder)
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var path = name[Prefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            if (TypeOf(path) is { } type)
            {
                files[path] = Asset.Of(buffer.ToArray(), type);
            }
        }

        return new DashboardAssets(files.ToFrozenDictionary(StringComparer.Ordinal), folder is null ? null : Path.GetFullPath(folder));
    }

    /// <summary>The file at <paramref name="path"/> (relative, with <c>/</c>), or <see langword="null"/> when there is none.</summary>
    /// <param name="path">The relative path, e.g. <c>js/main.js</c>.</param>
    /// <returns>The file, or <see langword="null"/>.</returns>
    public Asset? Find(string path)
    {
        if (path.Length == 0 || path.Length > 256 || path.Contains('\\') || path.Split('/').Any(p => p is "" or "." or ".."))
        {
            return null;
        }

        if (_folder is null)
        {
            return _embedded.GetValueOrDefault(path);
        }

        var full = Path.GetFullPath(Path.Combine(_folder, path));
        if (!full.StartsWith(_folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || TypeOf(path) is not { } type || !File.Exists(full))
        {
            return null;
        }

        return Asset.Of(File.ReadAllBytes(full), type);
    }

    private static string? TypeOf(string path) => ContentTypes.GetValueOrDefault(Path.GetExtension(path));

    /// <summary>One file: its bytes, content type and entity tag.</summary>
    /// <param name="Content">The bytes.</param>
    /// <param name="ContentType">The content type.</param>
    /// <param name="ETag">The entity tag (a hash of the bytes, quoted).</param>
    internal sealed record Asset(byte[] Content, string ContentType, string ETag)
    {
        public static Asset Of(byte[] content, string type) => new(content, type, "\"" + Convert.ToHexString(SHA256.HashData(content).AsSpan(0, 12)).ToLowerInvariant() + "\"");
    }
}
