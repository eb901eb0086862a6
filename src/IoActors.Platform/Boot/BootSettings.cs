using IoActors.Apps.Definitions;

namespace IoActors.Platform.Boot;

/// <summary>What one boot run needs: timeouts, the stages to run, the identity provider and the attempt number.</summary>
internal sealed record BootSettings
{
    /// <summary>The readiness timeout of a waiting app without <c>runPriority.timeout</c>.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a start request may take before it counts as failed.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long to wait for the stores' answer (the stores enforce appStoresTimeout themselves; this is a backstop).</summary>
    public TimeSpan StoresTimeout { get; init; } = TimeSpan.FromSeconds(150);

    /// <summary>How long a query to the registry may take.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The stages to run, in order.</summary>
    public IReadOnlyList<BootStage> Stages { get; init; } = [BootStage.Core, BootStage.PreSso, BootStage.PostSso, BootStage.User];

    /// <summary>Resolves the user at the identity gate.</summary>
    public IIdentityProvider Identity { get; init; } = IdentityProviders.OsUser;

    /// <summary>The clock of the report's times (readiness timeouts are actor timers on Akka's scheduler).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>1 for the first boot, then one more per restart.</summary>
    public int Attempt { get; init; } = 1;
}
