using Akka.Hosting;
using Akka.Persistence.Sql;
using IoActors.Platform.Configuration;

namespace IoActors.Platform.Persistence;

/// <summary>Adds the platform's persistence to an actor system built with Akka.Hosting.</summary>
public static class PlatformPersistenceHostingExtensions
{
    /// <summary>
    /// Configures Akka.Persistence.Sql from <c>ioactors.persistence</c> (<see cref="PlatformPersistenceConfig"/>) and
    /// readies it once the system runs (<see cref="PlatformPersistenceStartup"/>; it starts before the actors added after
    /// this call).
    /// </summary>
    /// <param name="builder">The Akka.Hosting builder.</param>
    /// <param name="configuration">The platform configuration.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">The persistence settings are unusable; the message names the key.</exception>
    public static AkkaConfigurationBuilder WithIoActorsPersistence(this AkkaConfigurationBuilder builder, PlatformOptions configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var hocon = Akka.Configuration.ConfigurationFactory.ParseString(PlatformPersistenceConfig.Render(configuration));
        builder.AddHocon(hocon, HoconAddMode.Prepend);
        builder.AddHocon(SqlPersistence.DefaultConfiguration, HoconAddMode.Append);
        builder.WithActors((system, _) => PlatformPersistenceStartup.StartAsync(system, configuration).ContinueWith(static _ => { }, TaskScheduler.Default));
        return builder;
    }
}
