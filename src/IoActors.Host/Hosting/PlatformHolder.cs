using Akka.Actor;
using Akka.Event;
using IoActors.Platform;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IoActors.Host.Hosting;

/// <summary>Hands the platform to the endpoints once it exists (Kestrel starts before the platform).</summary>
internal sealed class PlatformHolder
{
    private readonly TaskCompletionSource<IoPlatform> _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IoPlatform? _platform;

    /// <summary>The platform, or null while it is being created.</summary>
    public IoPlatform? Platform
    {
        get => _platform;
        set
        {
            _platform = value;
            if (value is not null)
            {
                _created.TrySetResult(value);
            }
        }
    }

    /// <summary>Completes with the platform once it exists, or fails when its creation failed.</summary>
    public Task<IoPlatform> WhenCreated => _created.Task;

    /// <summary>The platform could not be created: <see cref="WhenCreated"/> fails with the cause.</summary>
    public void CreationFailed(Exception cause) => _created.TrySetException(cause);

    /// <summary>The platform's health checks (boot, journal, actor system), or null while the platform is being created.</summary>
    public HealthCheckService? HealthChecks { get; set; }

    /// <summary>Called with the actor system before the platform's actors start.</summary>
    public Action<ActorSystem>? SystemCreated { get; set; }

    /// <summary>Forwards the new actor system to <see cref="SystemCreated"/>.</summary>
    public void OnSystemCreated(ActorSystem system) => SystemCreated?.Invoke(system);
}
