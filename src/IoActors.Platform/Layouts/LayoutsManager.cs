using System.Text.Json;
using System.Text.Json.Nodes;
using Akka.Actor;
using IoActors.Apps.Definitions;
using IoActors.Platform.AppManagement;
using IoActors.Platform.Instances;

namespace IoActors.Platform.Layouts;

/// <summary>
/// The in-process Layouts API, mirroring io.Connect's <c>io.layouts</c> in its headless meaning: <c>save</c> records the
/// running instances (app, context, title, bounds), <c>restore</c> starts them again with their contexts; list, get,
/// remove, rename, import, export, metadata and the default Global layout, which the platform restores once it has
/// booted. The layouts live in a persistent actor (/user/platform/layouts), so they survive a restart when the platform
/// persists. A refused request throws <see cref="LayoutException"/> naming the layout and why.
/// </summary>
public sealed class LayoutsManager
{
    private readonly ActorSystem _system;
    private readonly IActorRef _layouts;
    private readonly AppManager _apps;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _clock;

    internal LayoutsManager(ActorSystem system, IActorRef layouts, AppManager apps, TimeSpan timeout, TimeProvider clock)
    {
        _system = system;
        _layouts = layouts;
        _apps = apps;
        _timeout = timeout;
        _clock = clock;
    }

    /// <summary>The saved layouts, ordered by type and name (<c>list</c>, <c>getAll(type)</c>, <c>export</c>).</summary>
    /// <param name="type">Only layouts of this type, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The layouts.</returns>
    public Task<IReadOnlyList<PlatformLayout>> ListAsync(string? type = null, CancellationToken cancellationToken = default) =>
        _layouts.Ask<IReadOnlyList<PlatformLayout>>(new ListLayouts(type), _timeout, cancellationToken);

    /// <summary>One layout (<c>get(name, type)</c>), or <see langword="null"/> when none of that type and name is saved.</summary>
    /// <param name="type">The type.</param>
    /// <param name="name">The name.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The layout, or <see langword="null"/>.</returns>
    public async Task<PlatformLayout?> GetAsync(string type, string name, CancellationToken cancellationToken = default) =>
        (await _layouts.Ask<LayoutLookup>(new GetLayout(type, name), _timeout, cancellationToken).ConfigureAwait(false)).Layout;

    /// <summary>
    /// Saves the running instances as a Global layout (<c>save</c>): one <c>window</c> component per instance that is
    /// starting or running, in start order, with its context (what its client reported, else its current context), its
    /// title and its bounds (reported, else the definition's <c>details</c> bounds). A layout of that name is replaced.
    /// </summary>
    /// <param name="request">What to save.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The layout as stored.</returns>
    /// <exception cref="LayoutException">A blank name, a type other than Global, or a size bound.</exception>
    public async Task<PlatformLayout> SaveAsync(LayoutSaveRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new LayoutException("Layout save: the name is missing or blank.");
        }

        if (request.Type != LayoutTypes.Global)
        {
            throw new LayoutException($"Layout save '{request.Name}': type '{request.Type}' cannot be saved from running instances; only {LayoutTypes.Global} can (import layouts of other types).");
        }

        var context = Object(request.Context, "context", request.Name);
        var metadata = Object(request.Metadata, "metadata", request.Name);
        var ignore = request.IgnoreInstances?.ToHashSet(StringComparer.Ordinal) ?? [];
        var only = request.Instances?.ToHashSet(StringComparer.Ordinal);
        var instances = (await _apps.InstancesAsync(cancellationToken).ConfigureAwait(false))
            .Where(i => i.State is InstanceState.Starting or InstanceState.Running or InstanceState.Restarting)
            .Where(i => !ignore.Contains(i.Id) && (only is null || only.Contains(i.Id)))
            .OrderBy(i => i.StartedAt)
            .ToList();
        var definitions = (await _apps.GetConfigurationsAsync(instances.Select(i => i.AppName).Distinct(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false))
            .ToDictionary(d => d.Name, StringComparer.Ordinal);
        var components = new List<LayoutComponent>(instances.Count);
        foreach (var instance in instances)
        {
            var reported = request.Reported?.GetValueOrDefault(instance.Id);
            var state = new JsonObject
            {
                ["instanceId"] = instance.Id,
                ["context"] = request.IgnoreContexts ? new JsonObject() : Node(reported?.Context ?? instance.Context) ?? new JsonObject(),
                ["title"] = instance.Title,
            };
            if ((Node(reported?.Bounds) ?? Bounds(definitions.GetValueOrDefault(instance.AppName))) is { } bounds)
            {
                state["bounds"] = bounds;
            }

            components.Add(new LayoutComponent("window", instance.AppName, JsonSerializer.SerializeToElement(state)));
        }

        var layout = new PlatformLayout(request.Name, LayoutTypes.Global, components, context, metadata, 1, _clock.GetUtcNow());
        return await _layouts.Ask<PlatformLayout>(new StoreLayout(layout, request.SetAsCurrent, request.Token), _timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Restores a layout (<c>restore</c>): stops the running instances first unless told not to (never those of service
    /// apps, nor the ones excluded), then starts one instance per component with the component's context (the request's
    /// context merged over it), all at once, and waits for each to run or fail; a service app that runs is not started again. Components that fail are reported, not
    /// thrown; the layout becomes the current one.
    /// </summary>
    /// <param name="request">What to restore.</param>
    /// <param name="cancellationToken">Cancels the wait (not the starts).</param>
    /// <returns>What started, what failed and what was stopped.</returns>
    /// <exception cref="LayoutException">No such layout.</exception>
    public async Task<LayoutRestoreResult> RestoreAsync(LayoutRestoreRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var layout = await GetAsync(request.Type, request.Name, cancellationToken).ConfigureAwait(false)
            ?? throw LayoutsActor.Unknown(request.Type, request.Name);
        var over = Object(request.Context, "context", request.Name);
        var stopped = request.CloseRunningInstances ? await StopRunningAsync(request.ExcludeFromClosing, cancellationToken).ConfigureAwait(false) : [];

        // A service app that still runs (restores never stop them) is not started again: its running instance serves.
        var services = (await _apps.GetConfigurationsAsync(layout.Components.Select(c => c.Application).Distinct(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false))
            .Where(d => d.Service)
            .Select(d => d.Name)
            .ToHashSet(StringComparer.Ordinal);
        var runningServices = services.Count == 0
            ? []
            : (await _apps.InstancesAsync(cancellationToken).ConfigureAwait(false)).Where(i => services.Contains(i.AppName) && i.State != InstanceState.Stopped).GroupBy(i => i.AppName).ToDictionary(g => g.Key, g => g.First());
        var starts = layout.Components.Select(c => runningServices.TryGetValue(c.Application, out var running)
            ? Task.FromResult<(InstanceInfo? Started, LayoutComponentFailure? Failure)>((running, null))
            : StartAsync(c, over, cancellationToken)).ToList();
        var outcomes = await Task.WhenAll(starts).ConfigureAwait(false);
        var result = new LayoutRestoreResult(
            layout,
            [.. outcomes.Where(o => o.Started is not null).Select(o => o.Started!)],
            [.. outcomes.Where(o => o.Failure is not null).Select(o => o.Failure!)],
            stopped);
        await _layouts.Ask<LayoutWasRestored>(new LayoutWasRestored(layout, result.Status, request.Token), _timeout, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Removes a layout (<c>remove(type, name)</c>).</summary>
    /// <param name="type">The type.</param>
    /// <param name="name">The name.</param>
    /// <param name="token">A correlation token for the event, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The layout removed.</returns>
    /// <exception cref="LayoutException">No such layout.</exception>
    public Task<PlatformLayout> RemoveAsync(string type, string name, string? token = null, CancellationToken cancellationToken = default) =>
        _layouts.Ask<PlatformLayout>(new DeleteLayout(type, name, token), _timeout, cancellationToken);

    /// <summary>Renames a layout (<c>rename(layout, newName)</c>).</summary>
    /// <param name="type">The type.</param>
    /// <param name="name">The current name.</param>
    /// <param name="newName">The new name.</param>
    /// <param name="token">A correlation token for the event, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The layout under its new name.</returns>
    /// <exception cref="LayoutException">No such layout, a blank new name, or one that is taken.</exception>
    public Task<PlatformLayout> RenameAsync(string type, string name, string newName, string? token = null, CancellationToken cancellationToken = default) =>
        _layouts.Ask<PlatformLayout>(new RenameLayout(type, name, newName, token), _timeout, cancellationToken);

    /// <summary>Replaces a layout's metadata (<c>updateMetadata</c>).</summary>
    /// <param name="type">The type.</param>
    /// <param name="name">The name.</param>
    /// <param name="metadata">The metadata: a JSON object.</param>
    /// <param name="token">A correlation token for the event, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The layout as stored.</returns>
    /// <exception cref="LayoutException">No such layout, or metadata that is not an object.</exception>
    public Task<PlatformLayout> UpdateMetadataAsync(string type, string name, JsonElement metadata, string? token = null, CancellationToken cancellationToken = default) =>
        _layouts.Ask<PlatformLayout>(new UpdateLayoutMetadata(type, name, Object(metadata, "metadata", name), token), _timeout, cancellationToken);

    /// <summary>
    /// Imports layouts given as JSON (<c>import(layouts, mode)</c>): an array of io.Connect layout objects, merged over the
    /// saved ones (a layout of the same type and name is replaced) or, with <paramref name="replace"/>, replacing all of
    /// them. The whole import is refused when one layout is invalid, naming each problem; nothing is changed then.
    /// </summary>
    /// <param name="layouts">The layouts: a JSON array.</param>
    /// <param name="replace">Whether the import replaces every saved layout.</param>
    /// <param name="token">A correlation token for the events, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The layouts imported.</returns>
    /// <exception cref="LayoutException">An invalid layout or a size bound.</exception>
    public Task<IReadOnlyList<PlatformLayout>> ImportAsync(JsonElement layouts, bool replace = false, string? token = null, CancellationToken cancellationToken = default) =>
        _layouts.Ask<IReadOnlyList<PlatformLayout>>(new ImportLayouts(LayoutReader.ReadMany(layouts, _clock.GetUtcNow()), replace, token), _timeout, cancellationToken);

    /// <summary>The default Global layout (<c>getDefaultGlobal</c>), or <see langword="null"/>.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The layout, or <see langword="null"/>.</returns>
    public async Task<PlatformLayout?> GetDefaultAsync(CancellationToken cancellationToken = default) =>
        (await _layouts.Ask<LayoutLookup>(new GetDefaultLayout(), _timeout, cancellationToken).ConfigureAwait(false)).Layout;

    /// <summary>Chooses the default Global layout (<c>setDefaultGlobal</c>), or clears it with <see langword="null"/> (<c>clearDefaultGlobal</c>).</summary>
    /// <param name="name">A saved Global layout's name, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The default layout now, or <see langword="null"/>.</returns>
    /// <exception cref="LayoutException">No Global layout of that name.</exception>
    public async Task<PlatformLayout?> SetDefaultAsync(string? name, CancellationToken cancellationToken = default) =>
        (await _layouts.Ask<LayoutLookup>(new SetDefaultLayout(name, null), _timeout, cancellationToken).ConfigureAwait(false)).Layout;

    /// <summary>The current layout (<c>getCurrentLayout</c>): the last restored, or saved with <c>setAsCurrent</c>; <see langword="null"/> when none.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The layout, or <see langword="null"/>.</returns>
    public async Task<PlatformLayout?> GetCurrentAsync(CancellationToken cancellationToken = default) =>
        (await _layouts.Ask<LayoutLookup>(new GetCurrentLayout(), _timeout, cancellationToken).ConfigureAwait(false)).Layout;

    /// <summary>Calls <paramref name="handler"/> for every change of the saved layouts, in order.</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable OnEvent(Action<LayoutEvent> handler) => EventHandlerSubscription.Create(_system, handler);

    /// <summary>Restores the default Global layout, when one is chosen, without stopping what runs (the platform calls it once booted).</summary>
    internal async Task<LayoutRestoreResult?> RestoreDefaultAsync(CancellationToken cancellationToken)
    {
        var layout = await GetDefaultAsync(cancellationToken).ConfigureAwait(false);
        return layout is null ? null : await RestoreAsync(new LayoutRestoreRequest(layout.Name) { CloseRunningInstances = false }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> StopRunningAsync(IReadOnlyList<string>? exclude, CancellationToken cancellationToken)
    {
        var keep = exclude?.ToHashSet(StringComparer.Ordinal) ?? [];
        var running = (await _apps.InstancesAsync(cancellationToken).ConfigureAwait(false)).Where(i => i.State != InstanceState.Stopped && !keep.Contains(i.Id)).ToList();
        var services = (await _apps.GetConfigurationsAsync(running.Select(i => i.AppName).Distinct(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false))
            .Where(d => d.Service)
            .Select(d => d.Name)
            .ToHashSet(StringComparer.Ordinal);
        var stopping = running.Where(i => !services.Contains(i.AppName)).ToList();
        await Task.WhenAll(stopping.Select(async i =>
        {
            try
            {
                await _apps.StopAsync(i.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (InstanceNotFoundException)
            {
                // It ended meanwhile.
            }
        })).ConfigureAwait(false);
        return [.. stopping.Select(i => i.Id)];
    }

    private async Task<(InstanceInfo? Started, LayoutComponentFailure? Failure)> StartAsync(LayoutComponent component, JsonElement over, CancellationToken cancellationToken)
    {
        var context = component.State.ValueKind == JsonValueKind.Object && component.State.TryGetProperty("context", out var c) && c.ValueKind == JsonValueKind.Object
            ? JsonNode.Parse(c.GetRawText())!.AsObject()
            : [];
        foreach (var property in over.EnumerateObject())
        {
            context[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }

        try
        {
            return (await _apps.StartAsync(component.Application, JsonSerializer.SerializeToElement(context), cancellationToken: cancellationToken).ConfigureAwait(false), null);
        }
        catch (AppNotFoundException)
        {
            return (null, new LayoutComponentFailure(component.Application, $"no app named '{component.Application}' is registered"));
        }
        catch (InstanceStartException e)
        {
            return (null, new LayoutComponentFailure(component.Application, e.Reason));
        }
    }

    private static JsonElement Object(JsonElement? value, string what, string layout) => value switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => LayoutReader.EmptyObject(),
        { ValueKind: JsonValueKind.Object } o => o.Clone(),
        { } other => throw new LayoutException($"Layout '{layout}': {what} must be a JSON object, not {other.ValueKind.ToString().ToLowerInvariant()}."),
    };

    private static JsonNode? Node(JsonElement? value) =>
        value is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } v ? JsonNode.Parse(v.GetRawText()) : null;

    // The definition's details bounds (top, left, width, height), when it sets any: where a headless window would be.
    private static JsonObject? Bounds(AppDefinition? definition)
    {
        if (definition is null || definition.Details.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var bounds = new JsonObject();
        foreach (var name in (string[])["left", "top", "width", "height"])
        {
            if (definition.Details.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number)
            {
                bounds[name] = JsonNode.Parse(v.GetRawText());
            }
        }

        return bounds.Count > 0 ? bounds : null;
    }
}
