using System.Text.Json;
using System.Text.Json.Serialization;
using IoActors.Gateway;
using IoActors.Gateway.Platform;
using IoActors.Host.Api;
using IoActors.Host.Dashboard;
using IoActors.Host.Gateway;
using IoActors.Host.Sse;
using IoActors.Platform;
using IoActors.Platform.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Hosting;

namespace IoActors.Host.Hosting;

/// <summary>
/// The running host: Kestrel on the loopback address serving the HTTP API, and the platform it fronts. Kestrel starts
/// first (so the API URL, with a port-0 pick resolved, can go into the instances' environment), then the platform boots.
/// </summary>
internal sealed class PlatformHost : IAsyncDisposable
{
    private readonly string _dataFolder;
    private readonly IHost _platformApp;
    private int _disposed;

    private PlatformHost(WebApplication app, IHost platformApp, IoPlatform platform, string url, string? token, Uri? gatewayUrl, string dataFolder)
    {
        App = app;
        _platformApp = platformApp;
        Platform = platform;
        Url = url;
        Token = token;
        GatewayUrl = gatewayUrl;
        _dataFolder = dataFolder;
    }

    /// <summary>The web application.</summary>
    public WebApplication App { get; }

    /// <summary>The platform.</summary>
    public IoPlatform Platform { get; }

    /// <summary>The API base URL, e.g. http://127.0.0.1:8386.</summary>
    public string Url { get; }

    /// <summary>The bearer token, or null when none is required.</summary>
    public string? Token { get; }

    /// <summary>The gateway URL handed to io.Connect clients, or null when the gateway is disabled.</summary>
    public Uri? GatewayUrl { get; }

    /// <summary>The JSON options of the API.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new LenientJsonElementConverter());
    }

    /// <summary>Starts Kestrel and the platform (the boot runs in the background; see <see cref="IoPlatform.WhenBooted"/>); with <paramref name="requestLog"/>, HTTP requests are logged through Serilog.AspNetCore.</summary>
    public static async Task<PlatformHost> StartAsync(PlatformOptions options, ILoggerFactory? loggerFactory = null, Action<ILoggingBuilder>? logging = null, SseOptions? sseOptions = null, Serilog.ILogger? requestLog = null, CancellationToken cancellationToken = default)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        var api = options.IoActors.Api;
        var dataFolder = options.ResolvePath(options.IoActors.DataFolder);
        var token = string.IsNullOrWhiteSpace(api.Token) ? HostFiles.GetOrCreateToken(dataFolder) : api.Token;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
        var gatewayEnabled = options.Gw.Enabled;
        GatewayListener? gatewayListener = null;
        ListenOptions? apiListener = null;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = api.MaxRequestBodySize.Bytes > 0 ? api.MaxRequestBodySize.Bytes : null;
            k.Listen(ListenAddress.Parse(api.Host), api.Port, l => apiListener = l);
            if (gatewayEnabled && GatewayListener.IsSeparate(options.Gw, api))
            {
                gatewayListener = new GatewayListener();
                k.Listen(ListenAddress.Parse(options.Gw.Host), options.Gw.Port!.Value, gatewayListener.Bind);
            }
        });
        builder.Services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        var holder = new PlatformHolder();
        builder.Services.AddSingleton(holder);
        builder.Services.AddSingleton(new ApiSecurity(token));
        builder.Services.AddSingleton<AppsResponseCache>();
        var dashboard = api.Dashboard;
        if (dashboard.Enabled)
        {
            builder.Services.AddSingleton(new DashboardAccess(new DashboardSessions(token, dashboard.SessionIdleTimeout.Value, dashboard.MaxSessions, dashboard.LinkTimeout.Value)));
        }
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ConfigureJson(json);
        var hub = new EventHub(sseOptions ?? new SseOptions(), json, loggerFactory.CreateLogger("IoActors.Host.Events"));
        holder.SystemCreated = hub.Attach;
        builder.Services.AddSingleton(hub);
        GatewayPlatformAdapter? gatewayAdapter = null;
        if (gatewayEnabled)
        {
            builder.Services.AddSingleton<IGatewayPlatform>(gatewayAdapter = new GatewayPlatformAdapter(holder));
            // The platform runs the gateway's router as its child, /user/platform/gateway.
            builder.Services.AddIoGateway(o =>
            {
                o.HostedByPlatform = true;
                o.SendQueueLimit = options.Gw.SendQueueLimit.Bytes;
                // A process the platform did not start connects with the API token as its secret (whoever can read the
                // token may use the API anyway) and then registers itself as an instance (T42.ACS.RegisterInstance).
                o.Credentials.Add(new GatewayCredential(o.User, token));
            });
        }

        if (requestLog is not null)
        {
            builder.Services.AddSingleton(new DiagnosticContext(requestLog));
            builder.Services.AddSingleton<IDiagnosticContext>(sp => sp.GetRequiredService<DiagnosticContext>());
        }

        var app = builder.Build();
        if (requestLog is not null)
        {
            // One line per request (method, path without the query, status, time): Debug, Error for a 5xx or a throw.
            app.UseSerilogRequestLogging(o =>
            {
                o.Logger = requestLog;
                o.GetLevel = (http, _, e) => e is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error : LogEventLevel.Debug;
            });
        }

        ApiEndpoints.UseProblemDetailsForEmptyErrors(app);
        if (gatewayListener is not null)
        {
            app.Use(gatewayListener.KeepApartAsync);
        }

        ApiEndpoints.Map(app);
        SseEndpoint.Map(app);
        if (dashboard.Enabled)
        {
            DashboardEndpoints.Map(app, DashboardAssets.Create(dashboard.Folder is { } folder ? options.ResolvePath(folder) : null));
        }

        if (gatewayEnabled)
        {
            app.MapIoGateway("/gw");
        }
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var url = ListenAddress.LocalUrl("http", apiListener!.IPEndPoint!);

        Func<Platform.Instances.InstanceInfo, System.Text.Json.Nodes.JsonObject?>? startingContext = null;
        IReadOnlyList<PlatformChild> children = [];
        Uri? gatewayUrl = null;
        if (gatewayEnabled)
        {
            var gateway = app.Services.GetRequiredService<IIoGateway>();
            children = [new PlatformChild(gateway.RouterName, gateway.RouterProps)];
            var served = gatewayListener?.Url ?? url.Replace("http://", "ws://", StringComparison.Ordinal) + "/gw";
            gatewayUrl = new Uri(options.Gw.Url ?? served);
            startingContext = info => gateway.CreateStartingContext(gatewayUrl, info.Id, info.AppName);
        }

        // The platform runs in an actor system made by Akka.Hosting, as in a user's host (IoActorsHosting.AddIoActors),
        // in a Generic Host of its own started after Kestrel: the API URL (a port-0 pick resolved) is known before the boot.
        var platformBuilder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        logging?.Invoke(platformBuilder.Logging);
        platformBuilder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
        platformBuilder.Services.AddIoActors(new IoPlatformOptions
        {
            Configuration = options,
            LoggerFactory = loggerFactory,
            ApiUrl = url,
            ApiToken = token,
            OnSystemCreated = holder.OnSystemCreated,
            StartingContextExtension = startingContext,
            Children = children,
        });
        var platformApp = platformBuilder.Build();
        IoPlatform platform;
        try
        {
            await platformApp.StartAsync(cancellationToken).ConfigureAwait(false);
            platform = platformApp.Services.GetRequiredService<IoPlatform>();
        }
        catch (Exception ex)
        {
            holder.CreationFailed(ex);
            await StopQuietlyAsync(platformApp).ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            await hub.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        holder.HealthChecks = platformApp.Services.GetRequiredService<HealthCheckService>();
        holder.Platform = platform;
        gatewayAdapter?.Attach(platform, gatewayEnabled ? app.Services.GetRequiredService<IIoGateway>() : null);
        HostFiles.WriteDiscovery(dataFolder, new HostDiscovery(url, token, Environment.ProcessId));
        var host = new PlatformHost(app, platformApp, platform, url, token, gatewayUrl, dataFolder);
        _ = platform.WhenTerminated.ContinueWith(_ => host.StopWebAsync(), TaskScheduler.Default);
        return host;
    }

    /// <summary>Completes when the platform has terminated (after a shutdown through the API or <see cref="DisposeAsync"/>) and the web server stopped.</summary>
    public Task WhenTerminated => Platform.WhenTerminated;

    /// <summary>Shuts the platform down (not preventable) and stops the web server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            await Platform.WhenTerminated.ConfigureAwait(false);
            return;
        }

        await Platform.DisposeAsync().ConfigureAwait(false);
        await StopWebAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
        await DisposeHostAsync(_platformApp).ConfigureAwait(false);
    }

    private static async Task StopQuietlyAsync(IHost platformApp)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await platformApp.StopAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
        }

        await DisposeHostAsync(platformApp).ConfigureAwait(false);
    }

    private static ValueTask DisposeHostAsync(IHost host) => host is IAsyncDisposable async ? async.DisposeAsync() : ValueTask.CompletedTask;

    private async Task StopWebAsync()
    {
        HostFiles.DeleteDiscovery(_dataFolder);
        await App.Services.GetRequiredService<EventHub>().DisposeAsync().ConfigureAwait(false);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await App.StopAsync(cts.Token).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }

        try
        {
            // The actor system has terminated: this only stops the platform's host (its hosted services end at once).
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _platformApp.StopAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>A lifetime that leaves signals to the host command (the platform shutdown runs first, then the web server stops).</summary>
    private sealed class ManualLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
