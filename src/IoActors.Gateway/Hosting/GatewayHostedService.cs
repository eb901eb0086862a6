using IoActors.Gateway.Internal;
using IoActors.Gateway.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Hosting;

/// <summary>Starts the gateway with the host (registering the platform methods) and closes its connections when the host stops.</summary>
internal sealed class GatewayHostedService : IHostedService
{
    private readonly IoGateway _gateway;
    private readonly IServiceProvider _services;
    private PlatformMethods? _methods;

    public GatewayHostedService(IoGateway gateway, IServiceProvider services)
    {
        _gateway = gateway;
        _services = services;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Close client connections when the host starts stopping, before the server waits for open requests.
        _services.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(() => _ = _gateway.StopAsync(CancellationToken.None));
        if (_gateway.Options.HostedByPlatform)
        {
            // The router starts with the platform, after the host started: register then, and take connections after.
            _ = Task.Run(async () =>
            {
                var logger = _services.GetRequiredService<ILoggerFactory>().CreateLogger("IoActors.Gateway");
                await _gateway.RouterStarted.ConfigureAwait(false);
                try
                {
                    await RegisterPlatformMethodsAsync(CancellationToken.None).ConfigureAwait(false);
                    _gateway.MarkReady();
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "The gateway could not register the platform methods; it takes no connections");
                }
            }, CancellationToken.None);
            return;
        }

        await RegisterPlatformMethodsAsync(cancellationToken).ConfigureAwait(false);
        _gateway.MarkReady();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _methods?.Dispose();
        await _gateway.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RegisterPlatformMethodsAsync(CancellationToken cancellationToken)
    {
        if (_gateway.Options.RegisterPlatformMethods)
        {
            var platform = _services.GetService<IGatewayPlatform>() ?? new NoPlatform();
            var logger = _services.GetRequiredService<ILoggerFactory>().CreateLogger("IoActors.Gateway.PlatformMethods");
            _methods = new PlatformMethods(_gateway, platform, logger);
            await _methods.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
