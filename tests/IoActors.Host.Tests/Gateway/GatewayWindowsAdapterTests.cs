using FluentAssertions;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;
using IoActors.Host.Gateway;
using IoActors.Host.Hosting;
using IoActors.Platform;
using IoActors.Platform.Configuration;
using IoActors.Platform.Instances;
using IoActors.Platform.Instances.Windows;

namespace IoActors.Host.Tests.Gateway;

/// <summary>The host's <see cref="IGatewayWindows"/> over <c>IoPlatform.Windows</c>, with a fake window host.</summary>
public sealed class GatewayWindowsAdapterTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ioactors-wnd-adapter-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly FakeWindowHost _windows = new();
    private readonly PlatformHolder _holder = new();
    private IoPlatform? _platform;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_platform is not null)
        {
            await _platform.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Before_the_platform_there_are_no_windows_and_a_subscription_made_then_gets_the_window_hosts_changes()
    {
        var adapter = new GatewayPlatformAdapter(_holder);
        adapter.ListWindows().Should().BeEmpty();
        var received = new TaskCompletionSource<GatewayWindowEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = adapter.SubscribeWindows(e => received.TrySetResult(e));

        Attach(adapter);
        _windows.Open(new FakeWindow("i-1", "app", "Title"));

        var e = await received.Task.WaitAsync(Wait);
        e.Closed.Should().BeFalse();
        e.Window.Should().Be(new GatewayWindow("i-1", "app", "Title", "http://127.0.0.1/app", new GatewayWindowBounds(1, 2, 300, 200), true, false));
        adapter.ListWindows().Should().ContainSingle().Which.Id.Should().Be("i-1");
        adapter.FindWindow("i-1")!.Title.Should().Be("Title");
        adapter.FindWindow("nope").Should().BeNull();
    }

    [Fact]
    public async Task Commands_reach_the_window_and_what_it_cannot_do_is_refused_in_its_words()
    {
        var adapter = new GatewayPlatformAdapter(_holder);
        Attach(adapter);
        var window = new FakeWindow("i-1", "app", "Title");
        _windows.Open(window);

        await adapter.SetWindowTitleAsync("i-1", "New", CancellationToken.None);
        await adapter.MoveResizeWindowAsync("i-1", 5, null, 640, null, CancellationToken.None);

        window.Title.Should().Be("New");
        window.Bounds.Should().Be(new WindowBounds(5, 2, 640, 200));
        var show = () => adapter.ShowWindowAsync("i-1", CancellationToken.None);
        (await show.Should().ThrowAsync<GatewayMethodException>()).Which.Message.Should().Be("the browser runs headless: a window cannot be shown");
        var unknown = () => adapter.FocusWindowAsync("nope", CancellationToken.None);
        (await unknown.Should().ThrowAsync<GatewayMethodException>()).Which.Message.Should().Be("no open window with id 'nope'.");
        await adapter.CloseWindowAsync("i-1", CancellationToken.None);
        adapter.FindWindow("i-1").Should().BeNull();
    }

    private void Attach(GatewayPlatformAdapter adapter)
    {
        _platform = IoPlatform.Create(new IoPlatformOptions
        {
            Configuration = new PlatformOptions { ConfigFolder = _folder, IoActors = { DataFolder = Path.Combine(_folder, "data") } },
            HandleProcessSignals = false,
            WindowHost = _windows,
        });
        _holder.Platform = _platform;
        adapter.Attach(_platform, null);
    }

    private sealed class FakeWindowHost : IWindowHost, IPlatformWindows
    {
        private readonly Dictionary<string, IPlatformWindow> _open = new(StringComparer.Ordinal);

        public event Action<PlatformWindowEvent>? Changed;

        public void Open(FakeWindow window)
        {
            window.Host = this;
            lock (_open)
            {
                _open[window.Id] = window;
            }

            Changed?.Invoke(new PlatformWindowEvent(PlatformWindowChange.Added, window));
        }

        public void Close(FakeWindow window)
        {
            lock (_open)
            {
                _open.Remove(window.Id);
            }

            Changed?.Invoke(new PlatformWindowEvent(PlatformWindowChange.Removed, window));
        }

        public IReadOnlyList<IPlatformWindow> List()
        {
            lock (_open)
            {
                return [.. _open.Values];
            }
        }

        public IPlatformWindow? Find(string id)
        {
            lock (_open)
            {
                return _open.GetValueOrDefault(id);
            }
        }

        public Task<IRunningInstance> OpenAsync(LaunchRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException("the test opens its windows itself");
    }

    private sealed class FakeWindow(string id, string app, string title) : IPlatformWindow
    {
        public FakeWindowHost? Host { get; set; }

        public string Id => id;

        public string AppName => app;

        public string Title { get; private set; } = title;

        public string Url => $"http://127.0.0.1/{app}";

        public WindowBounds Bounds { get; private set; } = new(1, 2, 300, 200);

        public bool IsVisible => true;

        public bool IsFocused => false;

        public Task SetTitleAsync(string newTitle, CancellationToken cancellationToken = default)
        {
            Title = newTitle;
            return Task.CompletedTask;
        }

        public Task<WindowBounds> MoveResizeAsync(int? left, int? top, int? width, int? height, CancellationToken cancellationToken = default)
        {
            Bounds = new WindowBounds(left ?? Bounds.Left, top ?? Bounds.Top, width ?? Bounds.Width, height ?? Bounds.Height);
            return Task.FromResult(Bounds);
        }

        public Task ShowAsync(CancellationToken cancellationToken = default) => throw new InvalidOperationException("the browser runs headless: a window cannot be shown");

        public Task HideAsync(CancellationToken cancellationToken = default) => throw new InvalidOperationException("the browser runs headless: a window cannot be hidden");

        public Task FocusAsync(CancellationToken cancellationToken = default) => throw new InvalidOperationException("the browser runs headless: no window has the focus");

        public Task CloseAsync(CancellationToken cancellationToken = default)
        {
            Host?.Close(this);
            return Task.CompletedTask;
        }
    }
}
