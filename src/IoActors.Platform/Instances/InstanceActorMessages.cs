namespace IoActors.Platform.Instances;

/// <summary>The launch of generation <paramref name="Generation"/> succeeded.</summary>
internal sealed record Launched(int Generation, IRunningInstance Running);

/// <summary>The launch of generation <paramref name="Generation"/> failed.</summary>
internal sealed record LaunchFailed(int Generation, Exception Error);

/// <summary>The process (or window) of generation <paramref name="Generation"/> ended.</summary>
internal sealed record ProcessExited(int Generation, InstanceExit Exit);

/// <summary>The restart backoff of generation <paramref name="Generation"/> elapsed.</summary>
internal sealed record RestartDue(int Generation);

/// <summary>The stop grace period elapsed: kill the tree.</summary>
internal sealed record StopGraceElapsed(int Generation);

/// <summary>Another requester waits for the start result of a starting instance (allowMultiple: false).</summary>
internal sealed record AddStartWaiter(Akka.Actor.IActorRef Waiter);

/// <summary>Instance → manager: its snapshot changed.</summary>
internal sealed record InstanceInfoChanged(InstanceInfo Instance);

/// <summary>Instance → manager: it is gone (just before it stops itself).</summary>
internal sealed record InstanceEnded(string InstanceId);
