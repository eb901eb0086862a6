using Microsoft.Extensions.Configuration;

namespace IoActors.Hocon.Configuration;

/// <summary>A HOCON file as an <see cref="IConfigurationSource"/> (see <see cref="HoconConfigurationExtensions.AddHoconFile(IConfigurationBuilder, string, bool, bool)"/>).</summary>
public sealed class HoconConfigurationSource : FileConfigurationSource
{
    /// <summary>Options for parsing the file (environment lookup for substitutions). The default is <see cref="HoconParseOptions.Default"/>.</summary>
    public HoconParseOptions ParseOptions { get; set; } = HoconParseOptions.Default;

    /// <inheritdoc />
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new HoconConfigurationProvider(this);
    }
}
