using IoActors.Host.Hosting;
using IoActors.Platform;

namespace IoActors.Host.Gateway;

/// <summary>
/// Subscriptions the gateway makes before the platform exists (it starts first): each subscribes at once when the
/// platform is there, else when <see cref="Attach"/> is called. Disposing one before that cancels it.
/// </summary>
internal sealed class LateSubscriptions(PlatformHolder holder)
{
    private readonly List<Late> _pending = [];

    /// <summary>Runs <paramref name="subscribe"/> against the platform now, or once it is attached.</summary>
    /// <param name="subscribe">Subscribes and returns what ends the subscription.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable Add(Func<IoPlatform, IDisposable> subscribe)
    {
        var late = new Late(subscribe);
        lock (_pending)
        {
            if (holder.Platform is { } platform)
            {
                late.Attach(platform);
            }
            else
            {
                _pending.Add(late);
            }
        }

        return late;
    }

    /// <summary>Subscribes everything added before the platform existed.</summary>
    /// <param name="platform">The platform.</param>
    public void Attach(IoPlatform platform)
    {
        lock (_pending)
        {
            foreach (var late in _pending)
            {
                late.Attach(platform);
            }

            _pending.Clear();
        }
    }

    private sealed class Late(Func<IoPlatform, IDisposable> subscribe) : IDisposable
    {
        private readonly object _gate = new();
        private IDisposable? _subscription;
        private bool _disposed;

        public void Attach(IoPlatform platform)
        {
            lock (_gate)
            {
                if (!_disposed && _subscription is null)
                {
                    _subscription = subscribe(platform);
                }
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _subscription?.Dispose();
                _subscription = null;
            }
        }
    }
}
