using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Apps.Definitions;
using IoActors.Platform.Instances;

namespace IoActors.Platform.AppManagement;

/// <summary>One app as the App Management API shows it (<c>io.appManager.application(name)</c>).</summary>
public sealed class Application
{
    private readonly AppManager _manager;

    internal Application(AppManager manager, AppDefinition definition)
    {
        _manager = manager;
        Definition = definition;
    }

    /// <summary>The app name.</summary>
    public string Name => Definition.Name;

    /// <summary>The app title (the name when it has none).</summary>
    public string Title => Definition.Title;

    /// <summary>The app type.</summary>
    public AppType Type => Definition.Type;

    /// <summary>The definition as registered.</summary>
    public AppDefinition Definition { get; }

    /// <summary>The custom properties of the definition (<c>customProperties</c>, <c>userProperties</c> in the JS API), or an undefined element.</summary>
    public JsonElement UserProperties => Definition.TryGetProperty("customProperties", out var p) ? p : default;

    /// <summary>The app's running instances, in start order.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The instances.</returns>
    public Task<IReadOnlyList<InstanceInfo>> InstancesAsync(CancellationToken cancellationToken = default) => _manager.InstancesOfAsync(Name, cancellationToken);

    /// <summary>Starts the app (<c>start(context, options)</c>).</summary>
    /// <param name="context">The start context, or <see langword="null"/>.</param>
    /// <param name="options">Start options overriding <c>details</c>, or <see langword="null"/>.</param>
    /// <param name="startedBy">Who starts it. The default is <see langword="null"/>: <see cref="StartedBy.Host"/>.</param>
    /// <param name="cancellationToken">Cancels the wait (not the start).</param>
    /// <returns>The running instance.</returns>
    /// <exception cref="InstanceStartException">The start failed.</exception>
    public Task<InstanceInfo> StartAsync(JsonElement? context = null, JsonObject? options = null, StartedBy? startedBy = null, CancellationToken cancellationToken = default) =>
        _manager.StartAsync(Definition, context, options, startedBy, cancellationToken);

    /// <summary>Calls <paramref name="handler"/> with each started instance of this app.</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable OnInstanceStarted(Action<InstanceInfo> handler) => _manager.OnInstanceStarted(Name, handler);

    /// <summary>Calls <paramref name="handler"/> with each stopped instance of this app.</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable OnInstanceStopped(Action<InstanceInfo> handler) => _manager.OnInstanceStopped(Name, handler);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Definition.TypeName})";
}
