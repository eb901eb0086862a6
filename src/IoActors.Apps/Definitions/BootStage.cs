namespace IoActors.Apps.Definitions;

/// <summary>The boot sequence stages, in the order the platform runs them.</summary>
public enum BootStage
{
    /// <summary><c>"core"</c>: critical system apps; only exe and node apps can start here.</summary>
    Core = 0,

    /// <summary><c>"pre-sso"</c>: io.Connect APIs available, no user identity; system or in-memory stores only.</summary>
    PreSso,

    /// <summary><c>"post-sso"</c>: APIs and user identity available; system or in-memory stores only.</summary>
    PostSso,

    /// <summary><c>"user"</c>: apps from the regular user stores and the in-memory store.</summary>
    User,
}
