using System.Collections.Concurrent;
using Akka.Actor;
using IoActors.Platform.Instances;

namespace IoActors.Benchmarks.Instances;

/// <summary>Completes a task per instance ID when its <see cref="InstanceStopped"/> is published.</summary>
internal sealed class StopWaiter
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waits = new();

    public StopWaiter(ActorSystem system)
    {
        var listener = system.ActorOf(Props.Create(() => new Listener(this)));
        system.EventStream.Subscribe(listener, typeof(InstanceStopped));
    }

    public async Task WaitAsync(string instanceId)
    {
        // The event may arrive before the wait starts (a fast exit): both sides share one entry, removed after the wait.
        try
        {
            await Get(instanceId).Task.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"instance {instanceId}: no InstanceStopped within 30 s");
        }

        _waits.TryRemove(instanceId, out _);
    }

    private TaskCompletionSource Get(string id) => _waits.GetOrAdd(id, _ => new TaskCompletionSource());

    private void Stopped(string id)
    {
        Get(id).TrySetResult();
    }

    private sealed class Listener : ReceiveActor
    {
        public Listener(StopWaiter owner) => Receive<InstanceStopped>(e => owner.Stopped(e.InstanceId));
    }
}
