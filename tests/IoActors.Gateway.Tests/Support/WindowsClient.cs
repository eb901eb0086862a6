using System.Text.Json.Nodes;

namespace IoActors.Gateway.Tests.Support;

/// <summary>A raw client as the windows library is on the wire: subscribed to T42.Wnd.OnEvent, calling T42.Wnd.Execute.</summary>
public sealed class WindowsClient : IAsyncDisposable
{
    private string _serverId = "";
    private string _executeId = "";
    private string _subscriptionId = "";

    private WindowsClient(RawClient raw) => Raw = raw;

    public RawClient Raw { get; }

    /// <summary>Logs in as instance <paramref name="instanceId"/>, joins interop and subscribes with <c>withConfig</c>.</summary>
    public static async Task<WindowsClient> ConnectAsync(GatewayHost host, string instanceId, string app = "test-app")
    {
        var raw = await RawClient.LoginAsync(host, instanceId, app);
        var client = new WindowsClient(raw);
        await raw.JoinAgmAsync();
        // The server peer's methods may come in one methods-added or several.
        var methods = new Dictionary<string, string>(StringComparer.Ordinal);
        var serverId = "";
        while (!methods.ContainsKey("T42.Wnd.OnEvent") || !methods.ContainsKey("T42.Wnd.Execute"))
        {
            var added = await raw.ExpectAsync(m => m["type"]?.ToString() == "methods-added", "methods-added with T42.Wnd.OnEvent and T42.Wnd.Execute");
            foreach (var method in added["methods"]!.AsArray())
            {
                methods[method!["name"]!.ToString()] = method["id"]!.ToString();
            }

            serverId = added["server_id"]!.ToString();
        }

        var onEventId = methods["T42.Wnd.OnEvent"];
        client._serverId = serverId;
        client._executeId = methods["T42.Wnd.Execute"];
        var subscribed = await raw.RequestAsync(new JsonObject
        {
            ["type"] = "subscribe",
            ["domain"] = "agm",
            ["server_id"] = serverId,
            ["method_id"] = onEventId,
            ["arguments_kv"] = new JsonObject { ["withConfig"] = true },
        });
        if (subscribed["type"]?.ToString() != "subscribed")
        {
            throw new InvalidOperationException("subscribe failed: " + subscribed.ToJsonString());
        }

        client._subscriptionId = subscribed["subscription_id"]!.ToString();
        return client;
    }

    /// <summary>The next T42.Wnd.OnEvent data.</summary>
    public async Task<JsonObject> NextEventAsync()
    {
        var e = await Raw.ExpectAsync(m => m["type"]?.ToString() == "event" && m["subscription_id"]?.ToString() == _subscriptionId, "a T42.Wnd.OnEvent event");
        return e["data"]!.AsObject();
    }

    /// <summary>Skips the configuration and returns the snapshot.</summary>
    public async Task<JsonObject> SnapshotAsync()
    {
        while (true)
        {
            var e = await NextEventAsync();
            if (e["type"]?.ToString() == "Snapshot")
            {
                return e;
            }
        }
    }

    /// <summary>The events up to and including the first that matches.</summary>
    public async Task<List<JsonObject>> EventsUntilAsync(Func<JsonObject, bool> last)
    {
        var events = new List<JsonObject>();
        while (true)
        {
            var e = await NextEventAsync();
            events.Add(e);
            if (last(e))
            {
                return events;
            }
        }
    }

    /// <summary>Calls T42.Wnd.Execute as the library's executor does.</summary>
    public Task<JsonObject> ExecuteAsync(string command, string windowId, JsonObject? options, string token)
    {
        var args = new JsonObject { ["command"] = command, ["windowId"] = windowId, ["token"] = token };
        if (options is not null)
        {
            args["options"] = options;
        }

        return ExecuteRawAsync(args);
    }

    public Task<JsonObject> ExecuteRawAsync(JsonObject arguments) => Raw.CallAsync(_serverId, _executeId, arguments);

    public ValueTask DisposeAsync() => Raw.DisposeAsync();
}
