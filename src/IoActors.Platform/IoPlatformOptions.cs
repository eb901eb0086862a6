using IoActors.Apps.Definitions;
using IoActors.Platform.Boot;
using IoActors.Platform.Configuration;
using IoActors.Platform.Instances;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IoActors.Platform;

/// <summary>What <see cref="IoPlatform.Create"/> needs: the typed configuration plus the parts a host plugs in.</summary>
public sealed record IoPlatformOptions
{
    /// <summary>The platform configuration (bound from HOCON or system.json). Required; validated at start.</summary>
    public required PlatformOptions Configuration { get; init; }

    /// <summary>Where logs go. The default is no logging.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// The clock of timestamps, durations, the shutdown budget and HTTP timeouts (tests pass a fake clock); actor timers
    /// run on Akka's scheduler. The default is the system clock.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Resolves the user at the identity gate. The default is taken from <c>ioactors.boot.identity</c>: the OS user,
    /// a static user, or a login through <see cref="IoPlatform.Login"/>.
    /// </summary>
    public IIdentityProvider? IdentityProvider { get; init; }

    /// <summary>Hosts window apps; when set it wins over <c>ioactors.windows</c>. The default is the host <c>ioactors.windows.host</c> names (the system Chromium, or the HTTP-GET host).</summary>
    public IWindowHost? WindowHost { get; init; }

    /// <summary>The Chromium window host the platform created itself from <c>ioactors.windows</c> (disposed when it stops).</summary>
    internal Instances.Windows.ChromiumWindowHost? OwnedWindowHost { get; init; }

    /// <summary>Launchers that replace the built-in ones per app type (tests and benchmarks use fakes). The default is none.</summary>
    public IReadOnlyDictionary<AppType, IInstanceLauncher>? Launchers { get; init; }

    /// <summary>The platform API URL started instances receive in their environment. The default is none.</summary>
    public string? ApiUrl { get; init; }

    /// <summary>The platform API token started instances receive in their environment. The default is none.</summary>
    public string? ApiToken { get; init; }

    /// <summary>
    /// Extra properties merged into each started instance's <c>_GD_STARTING_CONTEXT_</c> (a host with a gateway adds
    /// gwURL, gwToken and applicationConfig here). The default is none.
    /// </summary>
    public Func<InstanceInfo, System.Text.Json.Nodes.JsonObject?>? StartingContextExtension { get; init; }

    /// <summary>Whether SIGINT/SIGTERM run the platform shutdown. The default is <see langword="true"/>.</summary>
    public bool HandleProcessSignals { get; init; } = true;

    /// <summary>
    /// Called with the new actor system before the platform's actors start, so a host can subscribe to the event stream
    /// without missing the first boot events. The default is none.
    /// </summary>
    public Action<Akka.Actor.ActorSystem>? OnSystemCreated { get; init; }

    /// <summary>
    /// Akka settings over everything else the platform's actor system is configured with (the configuration's
    /// <c>akka</c> section and IoActors' defaults); tests set Akka's <c>TestScheduler</c> here. The default is none.
    /// </summary>
    public Akka.Configuration.Config? AkkaConfig { get; init; }

    /// <summary>
    /// Actors the host runs inside the platform, as children of <c>/user/platform</c>, created before the stores; the boot
    /// starts once they have started (see <see cref="PlatformChild"/>). The default is none.
    /// </summary>
    public IReadOnlyList<PlatformChild> Children { get; init; } = [];

    /// <summary>The actor system's name. The default is "ioactors".</summary>
    public string SystemName { get; init; } = "ioactors";
}
