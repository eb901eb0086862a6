using System.Text.Json.Nodes;

namespace IoActors.Gateway.Platform;

/// <summary>
/// The platform's open windows, for the gateway's <c>io.windows</c> methods (the <c>T42.Wnd.OnEvent</c> stream and
/// <c>T42.Wnd.Execute</c>). A platform adapter implements it beside <see cref="IGatewayPlatform"/>; without it the stream
/// lists no windows and every window command is answered as not supported. A window's id is the instance id of its app
/// instance (what <c>io.appManager</c> matches instances to windows by). A command the window cannot carry out (an unknown
/// window, a headless browser that cannot show, hide or focus) throws <see cref="Server.GatewayMethodException"/> naming why.
/// </summary>
public interface IGatewayWindows
{
    /// <summary>The open windows.</summary>
    /// <returns>Each window as it is now.</returns>
    IReadOnlyList<GatewayWindow> ListWindows();

    /// <summary>The open window with <paramref name="id"/>, or <see langword="null"/>.</summary>
    /// <param name="id">The window id.</param>
    /// <returns>The window as it is now, or <see langword="null"/>.</returns>
    GatewayWindow? FindWindow(string id);

    /// <summary>Sets a window's title.</summary>
    /// <param name="id">The window id.</param>
    /// <param name="title">The title.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task SetWindowTitleAsync(string id, string title, CancellationToken cancellationToken);

    /// <summary>Moves and resizes a window; a <see langword="null"/> field keeps its value.</summary>
    /// <param name="id">The window id.</param>
    /// <param name="left">The new left edge, or <see langword="null"/>.</param>
    /// <param name="top">The new top edge, or <see langword="null"/>.</param>
    /// <param name="width">The new width (positive), or <see langword="null"/>.</param>
    /// <param name="height">The new height (positive), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task MoveResizeWindowAsync(string id, int? left, int? top, int? width, int? height, CancellationToken cancellationToken);

    /// <summary>Shows a window.</summary>
    /// <param name="id">The window id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task ShowWindowAsync(string id, CancellationToken cancellationToken);

    /// <summary>Hides a window.</summary>
    /// <param name="id">The window id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task HideWindowAsync(string id, CancellationToken cancellationToken);

    /// <summary>Gives a window the focus.</summary>
    /// <param name="id">The window id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task FocusWindowAsync(string id, CancellationToken cancellationToken);

    /// <summary>Closes a window (its instance stops); completes once it is closed.</summary>
    /// <param name="id">The window id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task CloseWindowAsync(string id, CancellationToken cancellationToken);

    /// <summary>A window's context: the context of its app instance (what the instance was started with, or last set).</summary>
    /// <param name="id">The window id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The context; an empty object when the instance has none.</returns>
    Task<JsonObject> GetWindowContextAsync(string id, CancellationToken cancellationToken);

    /// <summary>Replaces a window's context (the context of its app instance); a later <see cref="GetWindowContextAsync"/> returns it.</summary>
    /// <param name="id">The window id.</param>
    /// <param name="context">The new context.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task SetWindowContextAsync(string id, JsonObject context, CancellationToken cancellationToken);

    /// <summary>Subscribes to the changes of the windows (opened, closed, title, bounds, visibility, focus, URL).</summary>
    /// <param name="handler">Called for each change; it must not block. Calls may come from several threads.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    IDisposable SubscribeWindows(Action<GatewayWindowEvent> handler);
}

/// <summary>A window's position and size, in CSS pixels of the screen.</summary>
/// <param name="Left">The left edge.</param>
/// <param name="Top">The top edge.</param>
/// <param name="Width">The outer width.</param>
/// <param name="Height">The outer height.</param>
public readonly record struct GatewayWindowBounds(int Left, int Top, int Width, int Height);

/// <summary>An open window as the gateway shows it to <c>io.windows</c>.</summary>
/// <param name="Id">The window id: the instance id of its app instance.</param>
/// <param name="ApplicationName">The app the window belongs to.</param>
/// <param name="Title">The current title.</param>
/// <param name="Url">The URL the page shows.</param>
/// <param name="Bounds">The current bounds.</param>
/// <param name="IsVisible">Whether it is shown.</param>
/// <param name="IsFocused">Whether it has the focus.</param>
public sealed record GatewayWindow(string Id, string ApplicationName, string Title, string Url, GatewayWindowBounds Bounds, bool IsVisible, bool IsFocused);

/// <summary>A change of a window.</summary>
/// <param name="Window">The window as it is now (for a closed window, as it was last).</param>
/// <param name="Closed">Whether the window closed.</param>
public sealed record GatewayWindowEvent(GatewayWindow Window, bool Closed);
