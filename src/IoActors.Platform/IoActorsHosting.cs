using Akka.Actor;
using Akka.Hosting;
using IoActors.Platform.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IoActors.Platform;

/// <summary>
/// Runs the platform inside an application's own actor system built with Akka.Hosting, next to the application's
/// actors: <see cref="AddIoActors(IServiceCollection, IoPlatformOptions, Action{AkkaConfigurationBuilder, IServiceProvider}?)"/>
/// for a Generic Host or ASP.NET Core app, <see cref="WithIoActors"/> for an app that already calls <c>AddAkka</c>.
/// </summary>
/// <example>
/// <code>
/// var builder = Host.CreateApplicationBuilder(args);
/// var folder = AppContext.BaseDirectory;
/// var configuration = new ConfigurationBuilder().AddHoconFile(Path.Combine(folder, "ioactors.conf")).Build();
/// builder.Services.AddIoActors(new IoPlatformOptions { Configuration = PlatformOptions.Bind(configuration, folder) },
///     (akka, _) => akka.WithActors((system, registry) => registry.Register&lt;MyActor&gt;(system.ActorOf(Props.Create&lt;MyActor&gt;(), "mine"))));
/// using var host = builder.Build();
/// await host.StartAsync();
/// var platform = host.Services.GetRequiredService&lt;IoPlatform&gt;();
/// await platform.WhenBooted;
/// </code>
/// </example>
public static class IoActorsHosting
{
    /// <summary>The tag of the platform's health checks (besides Akka.Hosting's own <c>akka.net</c> tag).</summary>
    public const string HealthCheckTag = "ioactors";

    /// <summary>The name of the health check that reports the boot: healthy once booted, degraded while booting, unhealthy after a failed boot or a shutdown.</summary>
    public const string BootHealthCheckName = "ioactors-boot";

    /// <summary>The name of the health check that reports the journal: healthy when it answers (or the platform does not persist), unhealthy otherwise.</summary>
    public const string JournalHealthCheckName = "ioactors-journal";

    /// <summary>
    /// Adds the platform to the actor system this builder configures: IoActors' Akka settings (the configuration's
    /// <c>akka</c> section, Serilog logging, the shutdown phase, the persistence plugins when the platform persists) as
    /// fallbacks under the application's own settings; the platform's actors under <c>/user/platform</c> once the system
    /// runs (registered in the <see cref="IActorRegistry"/> under the key <see cref="IoPlatform"/>; the platform object
    /// through <see cref="IoPlatform.Of"/>); the boot and journal health checks. The system's coordinated shutdown runs
    /// the platform's shutdown (handlers, then the instances stop in reverse boot order). A platform shutdown through its
    /// API terminates the system, which stops the application.
    /// </summary>
    /// <param name="builder">The Akka.Hosting builder.</param>
    /// <param name="options">The platform options; <see cref="IoPlatformOptions.HandleProcessSignals"/> is ignored (the host handles signals).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The configuration is invalid; every problem is listed.</exception>
    /// <exception cref="ArgumentException">A child in <see cref="IoPlatformOptions.Children"/> has a bad or reserved name.</exception>
    public static AkkaConfigurationBuilder WithIoActors(this AkkaConfigurationBuilder builder, IoPlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        options = IoPlatform.Prepare(options with { HandleProcessSignals = false });
        builder.AddHocon(PlatformAkkaConfig.Create(options), HoconAddMode.Append);
        builder.StartActors(async (system, registry) =>
        {
            // A platform that cannot start fails the host's start with the reason (the message names it).
            var platform = await IoPlatform.StartInAsync(system, options, ownsSystem: false).ConfigureAwait(false);
            registry.Register<IoPlatform>(platform.Refs.Platform);
        });
        var tags = new[] { HealthCheckTag };
        builder.WithHealthCheck(new AkkaHealthCheckRegistration(BootHealthCheckName, new BootHealthCheck(), HealthStatus.Unhealthy, tags));
        builder.WithHealthCheck(new AkkaHealthCheckRegistration(JournalHealthCheckName, new JournalHealthCheck(options.Configuration), HealthStatus.Unhealthy, tags, TimeSpan.FromSeconds(10)));
        return builder;
    }

    /// <summary>
    /// Adds an actor system (Akka.Hosting's <c>AddAkka</c>, named <see cref="IoPlatformOptions.SystemName"/>) with the
    /// platform in it (<see cref="WithIoActors"/>), the <see cref="IoPlatform"/> as a singleton (resolvable once the host
    /// has started), and the health checks. Without a logger factory in <paramref name="options"/> the platform logs
    /// through the host's.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="options">The platform options.</param>
    /// <param name="configure">More configuration of the same actor system (the application's actors, settings), or <see langword="null"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddIoActors(this IServiceCollection services, IoPlatformOptions options, Action<AkkaConfigurationBuilder, IServiceProvider>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddIoActors(_ => options, options.SystemName, configure);
    }

    /// <summary>
    /// As <see cref="AddIoActors(IServiceCollection, IoPlatformOptions, Action{AkkaConfigurationBuilder, IServiceProvider}?)"/>,
    /// with the options made from the host's services when the actor system is configured.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="options">Makes the platform options.</param>
    /// <param name="systemName">The actor system's name.</param>
    /// <param name="configure">More configuration of the same actor system, or <see langword="null"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddIoActors(this IServiceCollection services, Func<IServiceProvider, IoPlatformOptions> options, string systemName = "ioactors", Action<AkkaConfigurationBuilder, IServiceProvider>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(systemName);
        services.AddHealthChecks();
        services.AddAkka(systemName, (builder, provider) =>
        {
            var made = options(provider);
            if (made.LoggerFactory is NullLoggerFactory && provider.GetService<ILoggerFactory>() is { } hostLogging)
            {
                made = made with { LoggerFactory = hostLogging };
            }

            configure?.Invoke(builder, provider);
            builder.WithIoActors(made);
        });
        services.AddSingleton(provider => IoPlatform.Of(provider.GetRequiredService<ActorSystem>())
            ?? throw new InvalidOperationException("The platform has not started in this host's actor system: resolve IoPlatform after the host has started."));
        return services;
    }
}
