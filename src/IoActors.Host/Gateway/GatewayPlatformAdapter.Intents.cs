using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;
using IoActors.Platform.Instances;
using IoActors.Platform.Intents;

namespace IoActors.Host.Gateway;

/// <summary>The gateway's view of the platform's intents (<c>IGatewayIntents</c>) over <see cref="PlatformIntents"/>.</summary>
internal sealed partial class GatewayPlatformAdapter : IGatewayIntents
{
    public async Task<IReadOnlyList<GatewayIntentHandler>> GetIntentHandlersAsync(CancellationToken cancellationToken)
    {
        var intents = await Platform.Intents.AllAsync(cancellationToken);
        return [.. intents.SelectMany(i => i.Handlers).Where(h => !h.IsInstance).Select(ToGateway)];
    }

    public async Task<GatewayInstance> StartIntentHandlerAsync(GatewayStartRequest request, CancellationToken cancellationToken)
    {
        StartedBy? by = null;
        if (request.StartedBy is { } caller)
        {
            var starter = (await Platform.AppManager.InstancesAsync(cancellationToken)).FirstOrDefault(i => i.Id == caller);
            by = new StartedBy(starter?.AppName, caller, StartedByKind.Intent);
        }

        try
        {
            var instance = await Platform.Intents.StartHandlerAsync(request.ApplicationName, null, request.Context, request.Options, by, cancellationToken);
            return ToGateway(instance);
        }
        catch (IntentRaiseException ex)
        {
            // The client reports it as "Cannot start Target Instance. Reason: …".
            throw new GatewayMethodException(ex.Message);
        }
    }

    public void IntentListenerAdded(GatewayIntentHandler listener)
    {
        if (holder.Platform is { } platform)
        {
            platform.Intents.AddListener(new IntentHandler(listener.Intent, listener.ApplicationName, listener.InstanceId)
            {
                DisplayName = listener.DisplayName,
                ContextTypes = listener.ContextTypes,
                ResultType = listener.ResultType,
                CustomConfig = listener.CustomConfig,
            });
        }
    }

    public void IntentListenerRemoved(string instanceId, string intent) => holder.Platform?.Intents.RemoveListener(instanceId, intent);

    public void IntentListenersEnded(string instanceId) => holder.Platform?.Intents.RemoveListeners(instanceId);

    private static GatewayIntentHandler ToGateway(IntentHandler h) =>
        new(h.Intent, h.ApplicationName, h.InstanceId)
        {
            DisplayName = h.DisplayName,
            ContextTypes = h.ContextTypes,
            ResultType = h.ResultType,
            CustomConfig = h.CustomConfig,
        };
}
