using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IoActors.Host.Hosting;

/// <summary>The files the host keeps in the data folder: the API token and the discovery file client commands read.</summary>
internal static class HostFiles
{
    public const string TokenFileName = "api-token";
    public const string DiscoveryFileName = "host.json";

    /// <summary>Reads the token from the data folder, creating one (owner-only permissions) at the first start.</summary>
    public static string GetOrCreateToken(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        var path = Path.Combine(dataFolder, TokenFileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                return existing;
            }
        }

        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        WriteOwnerOnly(path, token);
        return token;
    }

    /// <summary>Writes the discovery file (URL, token, process ID).</summary>
    public static void WriteDiscovery(string dataFolder, HostDiscovery discovery)
    {
        Directory.CreateDirectory(dataFolder);
        WriteOwnerOnly(Path.Combine(dataFolder, DiscoveryFileName), JsonSerializer.Serialize(discovery, DiscoveryJson.Default.HostDiscovery));
    }

    /// <summary>Deletes the discovery file if it still names this process.</summary>
    public static void DeleteDiscovery(string dataFolder)
    {
        var path = Path.Combine(dataFolder, DiscoveryFileName);
        try
        {
            if (ReadDiscovery(dataFolder) is { } d && d.ProcessId == Environment.ProcessId)
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Reads the discovery file, or <see langword="null"/> when there is none.</summary>
    public static HostDiscovery? ReadDiscovery(string dataFolder)
    {
        var path = Path.Combine(dataFolder, DiscoveryFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), DiscoveryJson.Default.HostDiscovery);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteOwnerOnly(string path, string content)
    {
        var temp = path + ".tmp";
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(temp, content);
        }
        else
        {
            using var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            using var writer = new StreamWriter(stream);
            writer.Write(content);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>What a running host publishes for client commands.</summary>
/// <param name="Url">The API base URL.</param>
/// <param name="Token">The bearer token.</param>
/// <param name="ProcessId">The host's process ID.</param>
internal sealed record HostDiscovery(string Url, string? Token, int ProcessId);

[JsonSerializable(typeof(HostDiscovery))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
internal sealed partial class DiscoveryJson : JsonSerializerContext;
