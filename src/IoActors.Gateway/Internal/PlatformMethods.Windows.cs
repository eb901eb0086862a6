using System.Text.Json.Nodes;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Internal;

/// <summary>
/// <c>io.windows</c> over the platform's windows (<see cref="IGatewayWindows"/>): the <c>T42.Wnd.OnEvent</c> stream and
/// <c>T42.Wnd.Execute</c>. A subscriber gets <c>{type:"Configuration"}</c> (when it asks <c>withConfig</c>) and then
/// <c>{type:"Snapshot", windows:[…]}</c>; after that every subscriber gets each change: <c>Created</c> (followed by a
/// <c>CompositionChanged</c> without neighbours, which the library waits for before it lists a new window),
/// <c>TitleChanged</c>, <c>BoundsChanged</c>, <c>VisibilityChanged</c>, <c>FocusChanged</c>, <c>UrlChanged</c>,
/// <c>Closed</c>, and <c>CommandExecuted</c> with the token of each command that succeeded (the library's call completes
/// on it). The gateway keeps what it last told the subscribers of each open window and publishes only what differs from
/// it, so a change seen both after a command and from the platform's event is published once, and before the command's
/// <c>CommandExecuted</c>.
/// </summary>
internal sealed partial class PlatformMethods
{
    public const string WindowsExecute = "T42.Wnd.Execute";

    /// <summary>The <c>T42.Wnd.Execute</c> commands the gateway carries out on a platform window.</summary>
    internal static readonly string[] WindowCommands = ["setTitle", "moveResize", "getBounds", "show", "hide", "focus", "activate", "close", "getContext", "updateContext"];

    // How often a snapshot retries its reconciliation when window events keep arriving while it lists the windows.
    private const int SnapshotAttempts = 3;

    private readonly object _windowsGate = new();
    private readonly SemaphoreSlim _contextUpdates = new(1, 1);
    // What the subscribers were last told of each open window; bounded by the open windows.
    private readonly Dictionary<string, GatewayWindow> _published = new(StringComparer.Ordinal);
    private long _windowsVersion;
    private IGatewayStream? _windowEvents;
    private IDisposable? _windowsSubscription;

    private IGatewayWindows? Windows => _platform as IGatewayWindows;

    private async Task StartWindowsAsync(IGatewayServer server, CancellationToken cancellationToken)
    {
        _windowEvents = await _gateway.RegisterSequencedStreamAsync(WindowsOnEvent, WindowsSnapshotAsync, cancellationToken).ConfigureAwait(false);
        await server.RegisterMethodAsync(WindowsExecute, ExecuteWindowAsync, cancellationToken).ConfigureAwait(false);
        if (Windows is not { } windows)
        {
            return;
        }

        _windowsSubscription = windows.SubscribeWindows(OnWindowEvent);
        // What is open already, told to nobody yet: a subscriber's snapshot then only reconciles what events missed (a
        // change a snapshot reconciles also reaches that subscriber after its snapshot, which the library tolerates).
        var open = windows.ListWindows();
        lock (_windowsGate)
        {
            foreach (var window in open)
            {
                _published.TryAdd(window.Id, window);
            }
        }
    }

    // Runs on the window host's threads: it must neither block nor throw into them.
    private void OnWindowEvent(GatewayWindowEvent e)
    {
        try
        {
            PublishWindowEvent(e);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Publishing the change of window {Window} failed", e.Window.Id);
        }
    }

    private void PublishWindowEvent(GatewayWindowEvent e)
    {
        var id = e.Window.Id;
        // A late change of a window that closed meanwhile must not bring it back.
        var open = e.Closed || Windows?.FindWindow(id) is not null;
        lock (_windowsGate)
        {
            _windowsVersion++;
            if (e.Closed)
            {
                PublishClosedLocked(id);
            }
            else if (open)
            {
                PublishLocked(e.Window);
            }
        }
    }

    private ValueTask<JsonNode?> WindowsSnapshotAsync(GatewayInvocation request, CancellationToken cancellationToken)
    {
        JsonArray windows = [];
        for (var attempt = 1; ; attempt++)
        {
            long version;
            lock (_windowsGate)
            {
                version = _windowsVersion;
            }

            var now = Windows?.ListWindows() ?? [];
            lock (_windowsGate)
            {
                // Only a list taken while no event came is the truth to reconcile with; else the events are.
                if (version == _windowsVersion)
                {
                    var ids = new HashSet<string>(now.Select(w => w.Id), StringComparer.Ordinal);
                    foreach (var gone in _published.Keys.Where(k => !ids.Contains(k)).ToList())
                    {
                        PublishClosedLocked(gone);
                    }

                    foreach (var window in now)
                    {
                        PublishLocked(window);
                    }
                }

                if (version == _windowsVersion || attempt == SnapshotAttempts)
                {
                    windows = [.. _published.Values.Select(w => (JsonNode?)WindowInfo(w))];
                    break;
                }
            }
        }

        JsonArray sequence = [];
        if (request.Arguments["withConfig"] is JsonValue config && config.TryGetValue<bool>(out var withConfig) && withConfig)
        {
            // Windows are usable as soon as they are announced: the library does not wait for a UrlChanged of a new one.
            sequence.Add(new JsonObject { ["type"] = "Configuration", ["windowAvailableOnURLChanged"] = false });
        }

        sequence.Add(new JsonObject { ["type"] = "Snapshot", ["windows"] = windows });
        return ValueTask.FromResult<JsonNode?>(sequence);
    }

    private async ValueTask<JsonNode?> ExecuteWindowAsync(GatewayInvocation call, CancellationToken cancellationToken)
    {
        var args = call.Arguments;
        var command = args["command"] is JsonValue c && c.TryGetValue<string>(out var name) ? name : null;
        if (Windows is not { } windows || command is null || !WindowCommands.Contains(command, StringComparer.Ordinal))
        {
            throw NotSupported("windows." + (command ?? "(no command)"), Windows is null ? null : $"supported commands: {string.Join(", ", WindowCommands)}");
        }

        var what = $"{WindowsExecute} {command}";
        var id = args["windowId"] is JsonValue w && w.TryGetValue<string>(out var windowId) && windowId.Length > 0
            ? windowId
            : throw new GatewayMethodException($"{what}: argument 'windowId' must be a non-empty string, not {Describe(args["windowId"])}.");
        var token = args["token"] is JsonValue t && t.TryGetValue<string>(out var text) ? text : null;
        var options = args["options"] as JsonObject;
        var window = windows.FindWindow(id) ?? throw new GatewayMethodException($"{what}: no open window with id '{id}'.");
        switch (command)
        {
            case "setTitle":
                var title = options?["title"] is JsonValue tv && tv.TryGetValue<string>(out var newTitle)
                    ? newTitle
                    : throw new GatewayMethodException($"{what}: argument 'options.title' must be a string, not {Describe(options?["title"])}.");
                await windows.SetWindowTitleAsync(id, title, cancellationToken).ConfigureAwait(false);
                break;
            case "moveResize":
                var bounds = options?["bounds"] as JsonObject ?? throw new GatewayMethodException($"{what}: argument 'options.bounds' must be an object, not {Describe(options?["bounds"])}.");
                await windows.MoveResizeWindowAsync(
                    id,
                    Coordinate(bounds, "left", what, positive: false),
                    Coordinate(bounds, "top", what, positive: false),
                    Coordinate(bounds, "width", what, positive: true),
                    Coordinate(bounds, "height", what, positive: true),
                    cancellationToken).ConfigureAwait(false);
                break;
            case "show":
                await windows.ShowWindowAsync(id, cancellationToken).ConfigureAwait(false);
                break;
            case "hide":
                await windows.HideWindowAsync(id, cancellationToken).ConfigureAwait(false);
                break;
            case "focus":
            case "activate":
                await windows.FocusWindowAsync(id, cancellationToken).ConfigureAwait(false);
                break;
            case "getContext":
                var context = await windows.GetWindowContextAsync(id, cancellationToken).ConfigureAwait(false);
                lock (_windowsGate)
                {
                    // The library's call completes on this, as for every command.
                    PushCommandExecutedLocked(id, command, token);
                }

                return new JsonObject { ["windowId"] = id, ["context"] = context };
            case "updateContext":
                return await UpdateWindowContextAsync(windows, id, args, token, what, cancellationToken).ConfigureAwait(false);
            case "close":
                await windows.CloseWindowAsync(id, cancellationToken).ConfigureAwait(false);
                lock (_windowsGate)
                {
                    _windowsVersion++;
                    PublishClosedLocked(id);
                    PushCommandExecutedLocked(id, command, token);
                }

                return new JsonObject { ["windowId"] = id, ["closed"] = true };
        }

        // A window that closed meanwhile is not published again (its Closed was, or will be, reported).
        var now = windows.FindWindow(id);
        lock (_windowsGate)
        {
            _windowsVersion++;
            if (now is not null)
            {
                PublishLocked(now);
            }

            PushCommandExecutedLocked(id, command, token);
        }

        var result = WindowInfo(now ?? window);
        result["windowId"] = id;
        return result;
    }

    /// <summary>
    /// <c>setContext</c> (<c>replace: true</c>: the context becomes the one given) and <c>updateContext</c> (merged into
    /// the current one key by key; a key given as <c>null</c>, which is what the library sends for <c>undefined</c>, is
    /// removed). Every subscriber gets <c>ContextChanged</c> with the new context, then the caller's <c>CommandExecuted</c>.
    /// </summary>
    private async Task<JsonNode?> UpdateWindowContextAsync(IGatewayWindows windows, string id, JsonObject args, string? token, string what, CancellationToken cancellationToken)
    {
        var given = args["context"] as JsonObject ?? throw new GatewayMethodException($"{what}: argument 'context' must be an object, not {Describe(args["context"])}.");
        var replace = args["replace"] switch
        {
            null => false,
            JsonValue v when v.TryGetValue<bool>(out var r) => r,
            var other => throw new GatewayMethodException($"{what}: argument 'replace' must be true or false, not {Describe(other)}."),
        };

        // One read-merge-write at a time, so that two updates at once both land.
        JsonObject context;
        await _contextUpdates.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            context = replace ? new JsonObject() : await windows.GetWindowContextAsync(id, cancellationToken).ConfigureAwait(false);
            foreach (var (key, value) in given)
            {
                if (value is null)
                {
                    context.Remove(key);
                }
                else
                {
                    context[key] = value.DeepClone();
                }
            }

            await windows.SetWindowContextAsync(id, context, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _contextUpdates.Release();
        }

        lock (_windowsGate)
        {
            _windowsVersion++;
            if (_published.ContainsKey(id))
            {
                PushWindowEvent("ContextChanged", id, context.DeepClone());
            }

            PushCommandExecutedLocked(id, "updateContext", token);
        }

        return new JsonObject { ["windowId"] = id, ["context"] = context.DeepClone() };
    }

    // Publishes, to every subscriber, how a window differs from what they were last told of it.
    private void PublishLocked(GatewayWindow now)
    {
        if (!_published.TryGetValue(now.Id, out var was))
        {
            _published[now.Id] = now;
            PushWindowEvent("Created", now.Id, WindowInfo(now));
            PushWindowEvent("CompositionChanged", now.Id, new JsonObject { ["windowId"] = now.Id, ["neighbors"] = new JsonObject() });
            return;
        }

        _published[now.Id] = now;
        if (was.Url != now.Url)
        {
            PushWindowEvent("UrlChanged", now.Id, now.Url);
        }

        if (was.Title != now.Title)
        {
            PushWindowEvent("TitleChanged", now.Id, now.Title);
        }

        if (was.Bounds != now.Bounds)
        {
            PushWindowEvent("BoundsChanged", now.Id, Bounds(now.Bounds));
        }

        if (was.IsVisible != now.IsVisible)
        {
            PushWindowEvent("VisibilityChanged", now.Id, now.IsVisible);
        }

        if (was.IsFocused != now.IsFocused)
        {
            PushWindowEvent("FocusChanged", now.Id, now.IsFocused);
        }
    }

    private void PublishClosedLocked(string id)
    {
        if (_published.Remove(id))
        {
            _windowEvents?.Push(new JsonObject { ["type"] = "Closed", ["windowId"] = id });
        }
    }

    private void PushCommandExecutedLocked(string id, string command, string? token) =>
        _windowEvents?.Push(new JsonObject { ["type"] = "CommandExecuted", ["windowId"] = id, ["command"] = command, ["token"] = token });

    private void PushWindowEvent(string type, string id, JsonNode? data) =>
        _windowEvents?.Push(new JsonObject { ["type"] = type, ["windowId"] = id, ["data"] = data });

    /// <summary>A window as the library's <c>createWindowFromSnapshot</c> reads it; its name is its id (unique, unlike the app's name).</summary>
    private static JsonObject WindowInfo(GatewayWindow window) => new()
    {
        ["id"] = window.Id,
        ["name"] = window.Id,
        ["applicationName"] = window.ApplicationName,
        ["url"] = window.Url,
        ["title"] = window.Title,
        ["bounds"] = Bounds(window.Bounds),
        ["isVisible"] = window.IsVisible,
        ["isFocused"] = window.IsFocused,
        ["state"] = "normal",
        ["context"] = new JsonObject(),
    };

    private static JsonObject Bounds(GatewayWindowBounds bounds) => new()
    {
        ["left"] = bounds.Left,
        ["top"] = bounds.Top,
        ["width"] = bounds.Width,
        ["height"] = bounds.Height,
    };

    private static int? Coordinate(JsonObject bounds, string field, string what, bool positive)
    {
        var node = bounds[field];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue v || !v.TryGetValue<double>(out var number) || !double.IsFinite(number) || Math.Abs(number) > 1_000_000)
        {
            throw new GatewayMethodException($"{what}: argument 'options.bounds.{field}' must be a number of pixels, not {Describe(node)}.");
        }

        var pixels = (int)Math.Round(number);
        if (positive && pixels <= 0)
        {
            throw new GatewayMethodException($"{what}: argument 'options.bounds.{field}' must be positive, not {Describe(node)}.");
        }

        return pixels;
    }

    private static string Describe(JsonNode? node)
    {
        if (node is null)
        {
            return "missing";
        }

        var json = node.ToJsonString();
        return json.Length > 60 ? json[..60] + "…" : json;
    }
}
