using System.IO.Compression;
using IoActors.Apps.Definitions;

namespace IoActors.Platform.Instances;

/// <summary>Downloads an app's archive (<c>asset</c>/<c>assets</c>) and unpacks it into <c>&lt;remoteApps&gt;/&lt;app-name&gt;</c>.</summary>
internal sealed class AssetInstaller
{
    private readonly Downloader _downloader;
    private readonly string _remoteAppsFolder;

    public AssetInstaller(Downloader downloader, string remoteAppsFolder)
    {
        _downloader = downloader;
        _remoteAppsFolder = remoteAppsFolder;
    }

    /// <summary>The folder an app's archive unpacks to (<c>$ASSET_LOCATION$</c>).</summary>
    public string LocationOf(string appName) => Path.GetFullPath(Path.Combine(_remoteAppsFolder, SafeName(appName)));

    /// <summary>Downloads and unpacks <paramref name="asset"/>; returns the folder.</summary>
    /// <exception cref="LaunchException">The download failed, the file is not a zip archive, or an entry would escape the folder (nothing is unpacked then).</exception>
    public async Task<string> InstallAsync(string appName, AppAsset asset, CancellationToken cancellationToken)
    {
        var location = LocationOf(appName);
        var archive = Path.Combine(_remoteAppsFolder, ".downloads", SafeName(appName) + "-" + Guid.NewGuid().ToString("N")[..8] + ".zip");
        await _downloader.DownloadAsync($"asset of app '{appName}'", asset.Source, asset.Headers, asset.NoCache, archive, cancellationToken).ConfigureAwait(false);
        try
        {
            Extract(archive, location, asset.Source);
        }
        finally
        {
            File.Delete(archive);
        }

        return location;
    }

    /// <summary>Unpacks <paramref name="archiveFile"/> into <paramref name="target"/>, first checking that no entry escapes it.</summary>
    /// <exception cref="LaunchException">Not a zip archive, or an entry escapes; names the entry.</exception>
    internal static void Extract(string archiveFile, string target, string source)
    {
        var root = Path.GetFullPath(target);
        var rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(archiveFile);
        }
        catch (InvalidDataException e)
        {
            throw new LaunchException($"asset '{source}' is not a zip archive: {e.Message}", e);
        }

        using (zip)
        {
            var escaping = new List<string>();
            foreach (var entry in zip.Entries)
            {
                var destination = Path.GetFullPath(Path.Combine(root, entry.FullName));
                if (!destination.StartsWith(rootWithSeparator, StringComparison.Ordinal) && destination != root)
                {
                    escaping.Add(entry.FullName);
                }
            }

            if (escaping.Count > 0)
            {
                throw new LaunchException($"asset '{source}' was rejected: entr{(escaping.Count == 1 ? "y" : "ies")} {string.Join(", ", escaping.Select(e => $"'{e}'"))} would be written outside '{root}'.");
            }

            Directory.CreateDirectory(root);
            foreach (var entry in zip.Entries)
            {
                var destination = Path.GetFullPath(Path.Combine(root, entry.FullName));
                if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                {
                    Directory.CreateDirectory(destination);
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                entry.ExtractToFile(destination, overwrite: true);
            }
        }
    }

    private static string SafeName(string appName)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var chars = appName.Select(c => Array.IndexOf(invalid, c) >= 0 || c is '/' or '\\' ? '_' : c).ToArray();
        var name = new string(chars);
        return name is "." or ".." or "" ? "_" + name : name;
    }
}
