using IoActors.Gateway.Hosting;
using IoActors.Gateway.Internal;
using Akka.Actor;
using Akka.Event;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IoActors.Gateway;

/// <summary>Registers the io.Connect-compatible gateway in a service collection.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the gateway (<see cref="IIoGateway"/>) and a hosted service that starts it with the host. The gateway
    /// uses the registered <see cref="ActorSystem"/> if there is one (else its own) and the registered
    /// <see cref="Platform.IGatewayPlatform"/> if there is one (else it serves interop and contexts without apps).
    /// Mount it with <see cref="GatewayEndpointRouteBuilderExtensions.MapIoGateway"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddIoGateway(this IServiceCollection services, Action<IoGatewayOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new IoGatewayOptions();
        configure?.Invoke(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(sp => new IoGateway(
            options,
            sp.GetService<ActorSystem>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.AddSingleton<IIoGateway>(sp => sp.GetRequiredService<IoGateway>());
        services.AddHostedService<GatewayHostedService>();
        return services;
    }
}
