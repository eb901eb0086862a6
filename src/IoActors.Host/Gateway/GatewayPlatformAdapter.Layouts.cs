using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;
using IoActors.Platform.Layouts;

namespace IoActors.Host.Gateway;

/// <summary>The gateway's view of the platform's layouts (<see cref="IGatewayLayouts"/>).</summary>
internal sealed partial class GatewayPlatformAdapter : IGatewayLayouts
{
    /// <summary>How layouts are written for clients and the HTTP API: io.Connect's camelCase layout objects.</summary>
    internal static readonly JsonSerializerOptions LayoutJson = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<JsonObject>> ListLayoutsAsync(CancellationToken cancellationToken) =>
        [.. (await Platform.Layouts.ListAsync(null, cancellationToken)).Select(ToWire)];

    public async Task<JsonObject> SaveLayoutAsync(GatewayLayoutSave save, CancellationToken cancellationToken)
    {
        var request = new LayoutSaveRequest(save.Name)
        {
            Type = save.Type,
            Context = Element(save.Context),
            Metadata = Element(save.Metadata),
            IgnoreInstances = StringList(save.Options["ignoreInstances"]),
            Instances = StringList(save.Options["instances"]),
            SetAsCurrent = save.Options["setAsCurrent"] is JsonValue current && current.TryGetValue<bool>(out var setAsCurrent) && setAsCurrent,
            IgnoreContexts = save.Options["ignoreContexts"] is JsonValue ignore && ignore.TryGetValue<bool>(out var ignoreContexts) && ignoreContexts,
            Reported = save.Reported.ToDictionary(r => r.Key, r => new LayoutInstanceReport(Element(r.Value), null), StringComparer.Ordinal),
            Token = save.Token,
        };
        return ToWire(await Layout(() => Platform.Layouts.SaveAsync(request, cancellationToken)));
    }

    public async Task<JsonObject> RestoreLayoutAsync(GatewayLayoutRestore restore, CancellationToken cancellationToken)
    {
        var request = new LayoutRestoreRequest(restore.Name)
        {
            Type = restore.Type,
            Context = Element(restore.Context),
            CloseRunningInstances = restore.CloseRunningInstances,
            ExcludeFromClosing = restore.ExcludeFromClosing,
            Token = restore.Token,
        };
        var result = await Layout(() => Platform.Layouts.RestoreAsync(request, cancellationToken));
        var wire = new JsonObject
        {
            ["status"] = result.Status,
            ["started"] = new JsonArray([.. result.Started.Select(i => (JsonNode?)JsonValue.Create(i.Id))]),
            ["stopped"] = new JsonArray([.. result.Stopped.Select(id => (JsonNode?)JsonValue.Create(id))]),
        };
        if (result.Failed.Count > 0)
        {
            wire["failed"] = new JsonArray([.. result.Failed.Select(f => (JsonNode?)new JsonObject { ["application"] = f.Application, ["reason"] = f.Reason })]);
        }

        return wire;
    }

    public Task RemoveLayoutAsync(string type, string name, string? token, CancellationToken cancellationToken) =>
        Layout(() => Platform.Layouts.RemoveAsync(type, name, token, cancellationToken));

    public async Task<JsonObject> RenameLayoutAsync(string type, string name, string newName, string? token, CancellationToken cancellationToken) =>
        ToWire(await Layout(() => Platform.Layouts.RenameAsync(type, name, newName, token, cancellationToken)));

    public async Task<JsonObject> UpdateLayoutMetadataAsync(string type, string name, JsonObject metadata, string? token, CancellationToken cancellationToken) =>
        ToWire(await Layout(() => Platform.Layouts.UpdateMetadataAsync(type, name, JsonSerializer.SerializeToElement(metadata), token, cancellationToken)));

    public Task ImportLayoutsAsync(JsonArray layouts, bool replace, string? token, CancellationToken cancellationToken) =>
        Layout(() => Platform.Layouts.ImportAsync(JsonSerializer.SerializeToElement(layouts), replace, token, cancellationToken));

    public async Task<JsonObject?> GetDefaultLayoutAsync(CancellationToken cancellationToken) =>
        await Platform.Layouts.GetDefaultAsync(cancellationToken) is { } layout ? ToWire(layout) : null;

    public Task SetDefaultLayoutAsync(string? name, CancellationToken cancellationToken) =>
        Layout(() => Platform.Layouts.SetDefaultAsync(name, cancellationToken));

    public async Task<JsonObject?> GetCurrentLayoutAsync(CancellationToken cancellationToken) =>
        await Platform.Layouts.GetCurrentAsync(cancellationToken) is { } layout ? ToWire(layout) : null;

    public IDisposable SubscribeLayouts(Action<GatewayLayoutEvent> handler) => _late.Add(platform => platform.Layouts.OnEvent(e =>
    {
        GatewayLayoutEvent? mapped = e switch
        {
            LayoutAdded a => new("added", ToWire(a.Layout), null, e.Token),
            LayoutChanged c => new("changed", ToWire(c.Layout), null, e.Token),
            LayoutRemoved r => new("removed", ToWire(r.Layout), null, e.Token),
            LayoutRenamed r => new("renamed", ToWire(r.Layout), r.OldName, e.Token),
            LayoutRestored r => new("restored", ToWire(r.Layout), null, e.Token),
            DefaultLayoutChanged d => new("default", d.Name is { } name ? new JsonObject { ["name"] = name, ["type"] = LayoutTypes.Global } : null, null, e.Token),
            _ => null,
        };
        if (mapped is not null)
        {
            handler(mapped);
        }
    }));

    internal static JsonObject ToWire(PlatformLayout layout) => JsonSerializer.SerializeToNode(layout, LayoutJson)!.AsObject();

    // The platform's refusals (a blank name, an unknown layout, an invalid import, a bound) reach the client naming why.
    private static async Task<T> Layout<T>(Func<Task<T>> request)
    {
        try
        {
            return await request();
        }
        catch (LayoutException e)
        {
            throw new GatewayMethodException(e.Message);
        }
    }

    private static JsonElement? Element(JsonNode? node) => node is null ? null : JsonSerializer.SerializeToElement(node);

    private static List<string>? StringList(JsonNode? node) =>
        node is JsonArray array ? [.. array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>()] : null;
}
