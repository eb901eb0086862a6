using System.Collections.Concurrent;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;

namespace IoActors.Gateway.Tests.Support;

/// <summary>
/// A <see cref="FakePlatform"/> with in-memory windows (<see cref="IGatewayWindows"/>): a command changes the window and
/// reports the change as a window host does, before the command completes or (with <see cref="ReportLate"/>) after.
/// </summary>
public sealed class FakeWindowsPlatform : FakePlatform, IGatewayWindows
{
    private readonly ConcurrentDictionary<string, GatewayWindow> _windows = new(StringComparer.Ordinal);
    private readonly List<Action<GatewayWindowEvent>> _handlers = [];

    /// <summary>Whether the browser is headless: show, hide and focus fail as the window host's do.</summary>
    public bool Headless { get; set; }

    /// <summary>When set, a command's change is reported after the command completed; the report's task is kept in <see cref="LateReports"/>.</summary>
    public bool ReportLate { get; set; }

    /// <summary>The late reports, to await before a test relies on them having happened.</summary>
    public ConcurrentQueue<Task> LateReports { get; } = new();

    /// <summary>Runs in a command after it changed the window and before it reports the change (e.g. the user closes the window meanwhile).</summary>
    public Action<string>? DuringCommand { get; set; }

    /// <summary>The commands run, as "command id".</summary>
    public ConcurrentQueue<string> Commands { get; } = new();

    public static GatewayWindow Window(string id, string app = "app", string title = "Title") =>
        new(id, app, title, $"http://127.0.0.1/{app}", new GatewayWindowBounds(10, 20, 800, 600), true, false);

    /// <summary>Opens a window (reported as a window host does).</summary>
    public void Open(GatewayWindow window)
    {
        _windows[window.Id] = window;
        Report(new GatewayWindowEvent(window, false));
    }

    /// <summary>Changes a window and reports it.</summary>
    public void Change(string id, Func<GatewayWindow, GatewayWindow> change) => Report(new GatewayWindowEvent(_windows.AddOrUpdate(id, _ => throw new KeyNotFoundException(id), (_, w) => change(w)), false));

    /// <summary>Changes a window without reporting it (a report the gateway missed).</summary>
    public void ChangeSilently(string id, Func<GatewayWindow, GatewayWindow> change) => _windows.AddOrUpdate(id, _ => throw new KeyNotFoundException(id), (_, w) => change(w));

    /// <summary>Closes a window as if its user did.</summary>
    public void CloseByUser(string id)
    {
        if (_windows.TryRemove(id, out var window))
        {
            Report(new GatewayWindowEvent(window, true));
        }
    }

    public IReadOnlyList<GatewayWindow> ListWindows() => [.. _windows.Values.OrderBy(w => w.Id, StringComparer.Ordinal)];

    public GatewayWindow? FindWindow(string id) => _windows.TryGetValue(id, out var window) ? window : null;

    public Task SetWindowTitleAsync(string id, string title, CancellationToken cancellationToken) => Command("setTitle", id, w => w with { Title = title });

    public Task MoveResizeWindowAsync(string id, int? left, int? top, int? width, int? height, CancellationToken cancellationToken) =>
        Command("moveResize", id, w => w with { Bounds = new GatewayWindowBounds(left ?? w.Bounds.Left, top ?? w.Bounds.Top, width ?? w.Bounds.Width, height ?? w.Bounds.Height) });

    /// <summary>The windows' contexts (what <c>getContext</c> reads and <c>updateContext</c> writes).</summary>
    public ConcurrentDictionary<string, System.Text.Json.Nodes.JsonObject> Contexts { get; } = new(StringComparer.Ordinal);

    public Task<System.Text.Json.Nodes.JsonObject> GetWindowContextAsync(string id, CancellationToken cancellationToken) =>
        FindWindow(id) is null
            ? throw new GatewayMethodException($"no open window with id '{id}'.")
            : Task.FromResult(Contexts.TryGetValue(id, out var context) ? (System.Text.Json.Nodes.JsonObject)context.DeepClone() : []);

    public Task SetWindowContextAsync(string id, System.Text.Json.Nodes.JsonObject context, CancellationToken cancellationToken)
    {
        Commands.Enqueue($"setContext {id}");
        if (FindWindow(id) is null)
        {
            throw new GatewayMethodException($"no open window with id '{id}'.");
        }

        Contexts[id] = (System.Text.Json.Nodes.JsonObject)context.DeepClone();
        return Task.CompletedTask;
    }

    public Task ShowWindowAsync(string id, CancellationToken cancellationToken) => Headed("show", id, w => w with { IsVisible = true });

    public Task HideWindowAsync(string id, CancellationToken cancellationToken) => Headed("hide", id, w => w with { IsVisible = false });

    public Task FocusWindowAsync(string id, CancellationToken cancellationToken) => Headed("focus", id, w => w with { IsFocused = true });

    public Task CloseWindowAsync(string id, CancellationToken cancellationToken)
    {
        Commands.Enqueue($"close {id}");
        if (!_windows.TryRemove(id, out var window))
        {
            throw new GatewayMethodException($"no open window with id '{id}'.");
        }

        var report = new GatewayWindowEvent(window, true);
        if (ReportLate)
        {
            LateReports.Enqueue(Task.Run(() => Report(report)));
        }
        else
        {
            Report(report);
        }

        return Task.CompletedTask;
    }

    public IDisposable SubscribeWindows(Action<GatewayWindowEvent> handler)
    {
        lock (_handlers)
        {
            _handlers.Add(handler);
        }

        return new Unsubscribe(this, handler);
    }

    private Task Headed(string command, string id, Func<GatewayWindow, GatewayWindow> change) =>
        Headless ? throw new GatewayMethodException($"the browser runs headless: a window cannot {command}") : Command(command, id, change);

    private Task Command(string command, string id, Func<GatewayWindow, GatewayWindow> change)
    {
        Commands.Enqueue($"{command} {id}");
        if (!_windows.TryGetValue(id, out var was))
        {
            throw new GatewayMethodException($"no open window with id '{id}'.");
        }

        var now = _windows[id] = change(was);
        DuringCommand?.Invoke(id);
        var report = new GatewayWindowEvent(now, false);
        if (ReportLate)
        {
            LateReports.Enqueue(Task.Run(() => Report(report)));
        }
        else
        {
            Report(report);
        }

        return Task.CompletedTask;
    }

    private void Report(GatewayWindowEvent e)
    {
        Action<GatewayWindowEvent>[] handlers;
        lock (_handlers)
        {
            handlers = [.. _handlers];
        }

        foreach (var handler in handlers)
        {
            handler(e);
        }
    }

    private sealed class Unsubscribe(FakeWindowsPlatform owner, Action<GatewayWindowEvent> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._handlers)
            {
                owner._handlers.Remove(handler);
            }
        }
    }
}
