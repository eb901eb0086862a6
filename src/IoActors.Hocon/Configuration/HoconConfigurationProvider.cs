using Microsoft.Extensions.Configuration;

namespace IoActors.Hocon.Configuration;

/// <summary>Loads a HOCON file (parsed and resolved with its includes) into configuration keys.</summary>
internal sealed class HoconConfigurationProvider : FileConfigurationProvider
{
    private readonly HoconConfigurationSource _source;

    public HoconConfigurationProvider(HoconConfigurationSource source)
        : base(source)
    {
        _source = source;
    }

    public override void Load(Stream stream)
    {
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var physicalPath = _source.Path is null ? null : _source.FileProvider?.GetFileInfo(_source.Path).PhysicalPath;
        var options = _source.ParseOptions;
        var config = physicalPath is null
            ? HoconConfig.Parse(text, _source.Path, options)
            : HoconConfig.Parse(text, physicalPath, options);
        Data = HoconConfigurationFlattener.Flatten(config.Root);
    }
}
