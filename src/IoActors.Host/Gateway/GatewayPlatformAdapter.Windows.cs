using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;
using IoActors.Platform.Instances.Windows;

namespace IoActors.Host.Gateway;

/// <summary>
/// The gateway's view of the platform's windows (<see cref="IGatewayWindows"/>) over <c>IoPlatform.Windows</c>: the windows
/// the window host opened (none before the platform exists, and none for a host that opens no real windows). A window that
/// cannot do what is asked (a headless browser cannot show, hide or focus one) reaches the client with the window's reason.
/// </summary>
internal sealed partial class GatewayPlatformAdapter : IGatewayWindows
{
    private IPlatformWindows? PlatformWindows => holder.Platform?.Windows;

    public IReadOnlyList<GatewayWindow> ListWindows() => PlatformWindows is { } windows ? [.. windows.List().Select(ToGateway)] : [];

    public GatewayWindow? FindWindow(string id) => PlatformWindows?.Find(id) is { } window ? ToGateway(window) : null;

    public Task SetWindowTitleAsync(string id, string title, CancellationToken cancellationToken) =>
        OnWindow(id, w => w.SetTitleAsync(title, cancellationToken));

    public Task MoveResizeWindowAsync(string id, int? left, int? top, int? width, int? height, CancellationToken cancellationToken) =>
        OnWindow(id, w => w.MoveResizeAsync(left, top, width, height, cancellationToken));

    public Task ShowWindowAsync(string id, CancellationToken cancellationToken) => OnWindow(id, w => w.ShowAsync(cancellationToken));

    public Task HideWindowAsync(string id, CancellationToken cancellationToken) => OnWindow(id, w => w.HideAsync(cancellationToken));

    public Task FocusWindowAsync(string id, CancellationToken cancellationToken) => OnWindow(id, w => w.FocusAsync(cancellationToken));

    public Task CloseWindowAsync(string id, CancellationToken cancellationToken) => OnWindow(id, w => w.CloseAsync(cancellationToken));

    public async Task<JsonObject> GetWindowContextAsync(string id, CancellationToken cancellationToken)
    {
        _ = PlatformWindows?.Find(id) ?? throw new GatewayMethodException($"no open window with id '{id}'.");
        var instance = (await Platform.AppManager.InstancesAsync(cancellationToken)).FirstOrDefault(i => i.Id == id);
        return instance?.Context is { ValueKind: JsonValueKind.Object } context ? JsonObject.Create(context.Clone())! : [];
    }

    public Task SetWindowContextAsync(string id, JsonObject context, CancellationToken cancellationToken)
    {
        _ = PlatformWindows?.Find(id) ?? throw new GatewayMethodException($"no open window with id '{id}'.");

        // The window's context is its instance's: the instance list has it as soon as this returns (the manager keeps the newest).
        Platform.AppManager.SetContext(id, JsonSerializer.SerializeToElement(context));
        return Task.CompletedTask;
    }

    public IDisposable SubscribeWindows(Action<GatewayWindowEvent> handler) => _late.Add(platform =>
    {
        var windows = platform.Windows;
        // The window is read when the change is reported: the gateway publishes how it differs from what it told last.
        Action<PlatformWindowEvent> changed = e => handler(new GatewayWindowEvent(ToGateway(e.Window), e.Change == PlatformWindowChange.Removed));
        windows.Changed += changed;
        return new Unsubscribe(() => windows.Changed -= changed);
    });

    internal static GatewayWindow ToGateway(IPlatformWindow w)
    {
        var bounds = w.Bounds;
        return new(w.Id, w.AppName, w.Title, w.Url, new GatewayWindowBounds(bounds.Left, bounds.Top, bounds.Width, bounds.Height), w.IsVisible, w.IsFocused);
    }

    private async Task OnWindow(string id, Func<IPlatformWindow, Task> command)
    {
        var window = PlatformWindows?.Find(id) ?? throw new GatewayMethodException($"no open window with id '{id}'.");
        try
        {
            await command(window);
        }
        catch (InvalidOperationException e)
        {
            // What the window cannot do (headless), in its words.
            throw new GatewayMethodException(e.Message);
        }
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        private Action? _action = action;

        public void Dispose() => Interlocked.Exchange(ref _action, null)?.Invoke();
    }
}
