using IoActors.Kernel;

namespace IoActors.Platform.Hosting;

/// <summary>The platform actor and its main children, handed to <see cref="IoPlatform"/> once created.</summary>
internal sealed record PlatformRefs(IActorRef Platform, IActorRef Registry, IActorRef Stores, IActorRef Instances);
