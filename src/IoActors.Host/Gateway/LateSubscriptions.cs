using IoActors.Platform;

namespace IoActors.Host.Gateway;

/// <summary>
/// Subscriptions the gateway makes before the platform exists (it starts first): each subscribes at once when the
/// platform is attached, else when <see cref="Attach"/> is called. Disposing one before that cancels it.
/// </summary>
internal sealed class LateSubscriptions
{
    private readonly List<Late> _pending = [];
    private IoPlatform? _platform;

    /// <summary>
    /// The platform once every subscription added before it existed is subscribed, else <see langword="null"/>: what is
    /// read from it after that is followed by the events of every later change.
    /// </summary>
    public IoPlatform? Platform => Volatile.Read(ref _platform);

    /// <summary>Runs <paramref name="subscribe"/> against the platform now, or once it is attached.</summary>
    /// <param name="subscribe">Subscribes and returns what ends the subscription.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable Add(Func<IoPlatform, IDisposable> subscribe)
    {
        var late = new Late(subscribe);
        lock (_pending)
        {
            if (_platform is { } platform)
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
            Volatile.Write(ref _platform, platform);
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
