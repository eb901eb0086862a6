using IoActors.Platform.Boot;

namespace IoActors.Platform.Hosting;

/// <summary>Stops the current boot supervisor and runs a new boot, completing <paramref name="Completion"/> when it ends.</summary>
internal sealed record RestartBoot(TaskCompletionSource<BootReport> Completion);
