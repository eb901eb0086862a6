using Microsoft.Extensions.Configuration;

namespace IoActors.Hocon.Configuration;

/// <summary>
/// Adds HOCON to an <see cref="IConfigurationBuilder"/>. The resolved tree becomes keys such as <c>ioactors:api:port</c>
/// and <c>appStores:0:details:path</c>, so the standard binder works and sources added later (environment variables,
/// command-line arguments) override HOCON keys the usual .NET way. Keys compare case-insensitively, as in all of IConfiguration.
/// </summary>
public static class HoconConfigurationExtensions
{
    /// <summary>Adds a HOCON file. A relative path resolves against the builder's base path (see SetBasePath).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="path">The file path.</param>
    /// <param name="optional">Whether a missing file is allowed.</param>
    /// <param name="reloadOnChange">Whether to reload when the file changes (included files are not watched).</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, string path, bool optional = false, bool reloadOnChange = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return builder.AddHoconFile(source =>
        {
            source.Path = path;
            source.Optional = optional;
            source.ReloadOnChange = reloadOnChange;
            source.ResolveFileProvider();
        });
    }

    /// <summary>Adds a HOCON file configured by <paramref name="configure"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the path, optionality, reload and parse options.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, Action<HoconConfigurationSource> configure) =>
        builder.Add(configure);

    /// <summary>Adds HOCON text; it is parsed and resolved when the configuration is built.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="text">The HOCON text.</param>
    /// <param name="options">Parse options; the defaults when null.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddHoconString(this IConfigurationBuilder builder, string text, HoconParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
        return builder.Add(new HoconTreeConfigurationSource(() => HoconConfig.Parse(text, null, options)));
    }

    /// <summary>Adds an already loaded configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="config">The configuration.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddHoconConfig(this IConfigurationBuilder builder, HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(config);
        return builder.Add(new HoconTreeConfigurationSource(() => config));
    }
}
