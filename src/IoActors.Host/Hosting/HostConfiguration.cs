using IoActors.Hocon.Configuration;
using IoActors.Platform.Configuration;
using Microsoft.Extensions.Configuration;

namespace IoActors.Host.Hosting;

/// <summary>Loads the platform configuration: the HOCON file, then IOACTORS-style environment variables, then <c>--key=value</c> arguments.</summary>
internal static class HostConfiguration
{
    /// <summary>Loads and binds the configuration (not yet validated; <see cref="Platform.IoPlatform.Create"/> validates).</summary>
    /// <param name="path">The configuration file.</param>
    /// <param name="overrides">Extra <c>--section:key=value</c> arguments.</param>
    /// <returns>The options; their ConfigFolder is the file's folder.</returns>
    public static PlatformOptions Load(string path, IEnumerable<string>? overrides = null)
    {
        var full = Path.GetFullPath(path);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Path.GetDirectoryName(full)!)
            .AddHoconFile(full)
            .AddEnvironmentVariables()
            .AddCommandLine(overrides?.ToArray() ?? [])
            .Build();
        return PlatformOptions.Bind(configuration, Path.GetDirectoryName(full));
    }
}
