using Microsoft.Extensions.Configuration;

namespace IoActors.Hocon.Configuration;

/// <summary>An already-parsed (or lazily parsed) HOCON tree as an <see cref="IConfigurationSource"/>.</summary>
internal sealed class HoconTreeConfigurationSource : IConfigurationSource
{
    private readonly Func<HoconConfig> _load;

    public HoconTreeConfigurationSource(Func<HoconConfig> load)
    {
        _load = load;
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconTreeConfigurationProvider(_load);
}
