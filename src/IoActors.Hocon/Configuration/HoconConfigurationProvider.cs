using Microsoft.Extensions.Configuration;

namespace IoActors.Hocon.Configuration;

/// <summary>
/// Loads a HOCON file (parsed and resolved with its includes) into configuration keys. The file is parsed completely
/// before any key changes; when a reload finds the file broken, the last good keys stay and the error goes to
/// <see cref="FileConfigurationSource.OnLoadException"/> (if set) instead of emptying the configuration.
/// </summary>
internal sealed class HoconConfigurationProvider : FileConfigurationProvider
{
    private readonly HoconConfigurationSource _source;
    private bool _loaded;

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
        HoconConfig config;
        try
        {
            config = HoconConfig.Parse(text, physicalPath ?? _source.Path, _source.ParseOptions);
        }
        catch (HoconException ex) when (_loaded)
        {
            _source.OnLoadException?.Invoke(new FileLoadExceptionContext { Provider = this, Exception = ex, Ignore = true });
            return;
        }

        Data = HoconConfigurationFlattener.Flatten(config.Root);
        _loaded = true;
    }
}
