using IoActors.Kernel;

namespace IoActors.Apps.Stores;

/// <summary>The stores supervisor under <c>/user/platform/stores</c>.</summary>
internal sealed class StoresActor : ReceiveActor
{
    public StoresActor(AppStoresSettings settings, IActorRef registry)
    {
        _ = settings;
        _ = registry;
    }
}
