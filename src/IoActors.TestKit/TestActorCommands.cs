using IoActors.Kernel;

namespace IoActors.TestKit;

/// <summary>Asks a test actor to watch <paramref name="Target"/>; <paramref name="Done"/> completes once it does.</summary>
internal sealed record WatchCommand(IActorRef Target, TaskCompletionSource Done);

/// <summary>Asks a test actor to stop watching <paramref name="Target"/>; <paramref name="Done"/> completes once it has.</summary>
internal sealed record UnwatchCommand(IActorRef Target, TaskCompletionSource Done);
