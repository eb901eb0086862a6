using System.Text.Json.Nodes;

namespace IoActors.Gateway.Platform;

/// <summary>
/// The platform's layouts, for the gateway's <c>io.layouts</c> methods (<c>T42.ACS.SaveLayout</c>, <c>RestoreLayout</c>,
/// … and the <c>T42.ACS.OnLayoutEvent</c> stream). A platform adapter implements it beside
/// <see cref="IGatewayPlatform"/>; without it the gateway does not register those methods. Layouts travel as io.Connect's
/// layout objects (<c>{name, type, components:[{type, application, state}], context, metadata, version}</c>). A request
/// the platform refuses (the caller's mistake) throws <see cref="Server.GatewayMethodException"/> naming why.
/// </summary>
public interface IGatewayLayouts
{
    /// <summary>The saved layouts.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<IReadOnlyList<JsonObject>> ListLayoutsAsync(CancellationToken cancellationToken);

    /// <summary>Saves the running instances as a layout.</summary>
    /// <param name="save">What the client asked for, and what the instances' clients reported.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The layout as stored.</returns>
    Task<JsonObject> SaveLayoutAsync(GatewayLayoutSave save, CancellationToken cancellationToken);

    /// <summary>Restores a layout: starts its components (after stopping what runs, unless told not to).</summary>
    /// <param name="restore">What the client asked for.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The outcome: <c>{status, started:[instance ids], failed:[{application, reason}]}</c>.</returns>
    Task<JsonObject> RestoreLayoutAsync(GatewayLayoutRestore restore, CancellationToken cancellationToken);

    /// <summary>Removes a layout.</summary>
    /// <param name="type">Its type.</param>
    /// <param name="name">Its name.</param>
    /// <param name="token">The request's correlation token (carried by the event), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task RemoveLayoutAsync(string type, string name, string? token, CancellationToken cancellationToken);

    /// <summary>Renames a layout.</summary>
    /// <param name="type">Its type.</param>
    /// <param name="name">Its name.</param>
    /// <param name="newName">The new name.</param>
    /// <param name="token">The request's correlation token, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The layout under its new name.</returns>
    Task<JsonObject> RenameLayoutAsync(string type, string name, string newName, string? token, CancellationToken cancellationToken);

    /// <summary>Replaces a layout's metadata.</summary>
    /// <param name="type">Its type.</param>
    /// <param name="name">Its name.</param>
    /// <param name="metadata">The metadata.</param>
    /// <param name="token">The request's correlation token, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The layout as stored.</returns>
    Task<JsonObject> UpdateLayoutMetadataAsync(string type, string name, JsonObject metadata, string? token, CancellationToken cancellationToken);

    /// <summary>Imports layouts, merged over the saved ones or replacing them all.</summary>
    /// <param name="layouts">The layouts.</param>
    /// <param name="replace">Whether they replace every saved layout.</param>
    /// <param name="token">The request's correlation token, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task ImportLayoutsAsync(JsonArray layouts, bool replace, string? token, CancellationToken cancellationToken);

    /// <summary>The default Global layout, or <see langword="null"/>.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<JsonObject?> GetDefaultLayoutAsync(CancellationToken cancellationToken);

    /// <summary>Chooses the default Global layout, or clears it with <see langword="null"/>.</summary>
    /// <param name="name">A saved Global layout's name, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task SetDefaultLayoutAsync(string? name, CancellationToken cancellationToken);

    /// <summary>The current layout (last restored, or saved as current), or <see langword="null"/>.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<JsonObject?> GetCurrentLayoutAsync(CancellationToken cancellationToken);

    /// <summary>Subscribes to the changes of the saved layouts.</summary>
    /// <param name="handler">Called for each change, in order, never concurrently.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    IDisposable SubscribeLayouts(Action<GatewayLayoutEvent> handler);
}

/// <summary>A save request from a client.</summary>
/// <param name="Name">The layout name.</param>
/// <param name="Type">The layout type.</param>
/// <param name="Context">The layout's context, or <see langword="null"/>.</param>
/// <param name="Metadata">The layout's metadata, or <see langword="null"/>.</param>
/// <param name="Options">The client's save options (<c>ignoreInstances</c>, <c>instances</c>, <c>setAsCurrent</c>, <c>ignoreContexts</c>).</param>
/// <param name="Reported">What the instances' clients answered to <c>T42.HC.GetSaveContext</c>, by instance id: their window context.</param>
/// <param name="Token">The request's correlation token, or <see langword="null"/>.</param>
public sealed record GatewayLayoutSave(string Name, string Type, JsonObject? Context, JsonObject? Metadata, JsonObject Options, IReadOnlyDictionary<string, JsonObject> Reported, string? Token);

/// <summary>A restore request from a client.</summary>
/// <param name="Name">The layout name.</param>
/// <param name="Type">The layout type.</param>
/// <param name="Context">A context merged over each component's, or <see langword="null"/>.</param>
/// <param name="CloseRunningInstances">Whether what runs is stopped first.</param>
/// <param name="ExcludeFromClosing">Instances not to stop.</param>
/// <param name="Token">The request's correlation token, or <see langword="null"/>.</param>
public sealed record GatewayLayoutRestore(string Name, string Type, JsonObject? Context, bool CloseRunningInstances, IReadOnlyList<string> ExcludeFromClosing, string? Token);

/// <summary>A change of the saved layouts.</summary>
/// <param name="Kind">What happened: <c>added</c>, <c>changed</c>, <c>removed</c>, <c>renamed</c>, <c>restored</c> or <c>default</c>.</param>
/// <param name="Layout">The layout (as it is now; as it was for <c>removed</c>), or <see langword="null"/> for a cleared default.</param>
/// <param name="OldName">The previous name, for <c>renamed</c>.</param>
/// <param name="Token">The correlation token of the request that caused it, or <see langword="null"/>.</param>
public sealed record GatewayLayoutEvent(string Kind, JsonObject? Layout, string? OldName, string? Token);
