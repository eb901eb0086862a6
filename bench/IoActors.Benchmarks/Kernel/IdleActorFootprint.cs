using System.Globalization;
using IoActors.Kernel;

namespace IoActors.Benchmarks.Kernel;

/// <summary>
/// Measures the memory an idle actor keeps alive: <c>GC.GetTotalMemory(true)</c> before and after creating
/// <c>count</c> started, idle top-level actors in a fresh system (after a warm-up that JITs the paths and fills the
/// kernel's caches), divided by <c>count</c>. The array holding the refs is allocated before the first reading, so
/// it is not counted.
/// </summary>
public static class IdleActorFootprint
{
    private static TaskCompletionSource? s_allStarted;
    private static int s_toStart;

    /// <summary>Creates <paramref name="count"/> idle actors and returns the bytes retained per actor.</summary>
    /// <param name="count">How many actors to create.</param>
    /// <returns>Bytes retained per idle actor.</returns>
    public static double Measure(int count)
    {
        var system = ActorSystem.Create("footprint", BenchmarkSystem.Options());
        try
        {
            var props = Props.Create(() => new Idle());
            SpawnAndWait(system, props, new IActorRef[1_000]); // warm-up, kept alive like the measured ones

            var refs = new IActorRef[count];
            var before = Settle();
            SpawnAndWait(system, props, refs);
            var after = Settle();
            GC.KeepAlive(refs);
            return (after - before) / (double)count;
        }
        finally
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Formats <see cref="Measure"/>'s result for a column or a console line.</summary>
    /// <param name="bytesPerActor">The measurement.</param>
    /// <returns>E.g. "412 B".</returns>
    public static string Format(double bytesPerActor) => bytesPerActor.ToString("0", CultureInfo.InvariantCulture) + " B";

    private static long Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static void SpawnAndWait(ActorSystem system, Props props, IActorRef[] refs)
    {
        s_allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        s_toStart = refs.Length;
        for (var i = 0; i < refs.Length; i++)
        {
            refs[i] = system.ActorOf(props);
        }

        if (!s_allStarted.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException($"Only {refs.Length - Volatile.Read(ref s_toStart)} of {refs.Length} idle actors started within 60 s.");
        }
    }

    /// <summary>An actor with no state that only signals its start.</summary>
    private sealed class Idle : UntypedActor
    {
        protected override void PreStart()
        {
            if (Interlocked.Decrement(ref s_toStart) == 0)
            {
                s_allStarted!.TrySetResult();
            }
        }

        protected override void OnReceive(object message)
        {
        }
    }
}
