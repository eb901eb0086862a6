using Akka.Actor;
using Akka.Event;

namespace IoActors.Platform.Hosting;

/// <summary>The platform actor and its main children, handed to <see cref="IoPlatform"/> once created.</summary>
/// <param name="Platform">The platform actor (/user/platform).</param>
/// <param name="Registry">The registry.</param>
/// <param name="Stores">The stores supervisor.</param>
/// <param name="Instances">The instance manager.</param>
/// <param name="InMemory">Where in-memory store commands go: the journal in front of the stores, or the stores themselves.</param>
/// <param name="History">The instance history and boot reports keeper.</param>
/// <param name="Intents">The intents actor.</param>
internal sealed record PlatformRefs(IActorRef Platform, IActorRef Registry, IActorRef Stores, IActorRef Instances, IActorRef InMemory, IActorRef History, IActorRef Intents)
{
    /// <summary>The app preferences (/user/platform/prefs).</summary>
    public IActorRef Preferences { get; init; } = ActorRefs.Nobody;

    /// <summary>The notifications (/user/platform/notifications).</summary>
    public IActorRef Notifications { get; init; } = ActorRefs.Nobody;

    /// <summary>The layouts (/user/platform/layouts).</summary>
    public IActorRef Layouts { get; init; } = ActorRefs.Nobody;

    /// <summary>The channels actor (the channel definitions).</summary>
    public IActorRef Channels { get; init; } = ActorRefs.Nobody;

    /// <summary>The io.Manager session, or <see langword="null"/> without <c>server.enabled</c>.</summary>
    public IoActors.Apps.Stores.ManagerSession? Manager { get; init; }

    /// <summary>The io.Manager mirror of preferences and layouts (/user/platform/manager-mirror), or Nobody.</summary>
    public IActorRef ManagerMirror { get; init; } = ActorRefs.Nobody;

    /// <summary>The reporter of instance and boot events to io.Manager (/user/platform/fleet-reporter), or Nobody.</summary>
    public IActorRef FleetReporter { get; init; } = ActorRefs.Nobody;
}
