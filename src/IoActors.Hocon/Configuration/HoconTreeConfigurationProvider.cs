using Microsoft.Extensions.Configuration;

namespace IoActors.Hocon.Configuration;

/// <summary>Provides the keys of a HOCON tree; parsing happens in <see cref="Load"/>.</summary>
internal sealed class HoconTreeConfigurationProvider : ConfigurationProvider
{
    private readonly Func<HoconConfig> _load;

    public HoconTreeConfigurationProvider(Func<HoconConfig> load)
    {
        _load = load;
    }

    public override void Load() => Data = HoconConfigurationFlattener.Flatten(_load().Root);
}
