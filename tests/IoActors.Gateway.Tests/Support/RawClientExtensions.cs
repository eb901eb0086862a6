using System.Text.Json.Nodes;

namespace IoActors.Gateway.Tests.Support;

/// <summary>Protocol shortcuts for raw clients.</summary>
public static class RawClientExtensions
{
    public static Task<JsonObject> RegisterAsync(this RawClient client, string methodId, string name, bool streaming = false) =>
        client.RequestAsync(new JsonObject
        {
            ["type"] = "register",
            ["domain"] = "agm",
            ["methods"] = new JsonArray(new JsonObject { ["id"] = methodId, ["name"] = name, ["flags"] = new JsonObject { ["streaming"] = streaming } }),
        });

    public static async Task<JsonObject> CallAsync(this RawClient client, string serverId, string methodId, JsonObject? args = null)
    {
        var message = new JsonObject { ["type"] = "call", ["domain"] = "agm", ["server_id"] = serverId, ["method_id"] = methodId, ["arguments_kv"] = args ?? new JsonObject() };
        return await client.RequestAsync(message);
    }

    /// <summary>Waits for methods-added announcing a method with this name and returns (server id, method id).</summary>
    public static async Task<(string ServerId, string MethodId)> ExpectMethodAsync(this RawClient client, string name)
    {
        var added = await client.ExpectAsync(m => m["type"]?.ToString() == "methods-added" && m["methods"]!.AsArray().Any(x => x!["name"]!.ToString() == name), $"methods-added for '{name}'");
        return (added["server_id"]!.ToString(), added["methods"]!.AsArray().First(x => x!["name"]!.ToString() == name)!["id"]!.ToString());
    }
}
