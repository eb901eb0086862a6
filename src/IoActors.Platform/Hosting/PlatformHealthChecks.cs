using Akka.Hosting;
using IoActors.Platform.Configuration;
using IoActors.Platform.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IoActors.Platform.Hosting;

/// <summary>The boot as a health check: healthy once booted, degraded while the boot runs, unhealthy after a failed boot or once the platform stopped.</summary>
internal sealed class BootHealthCheck : IAkkaHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(AkkaHealthCheckContext context, CancellationToken cancellationToken)
    {
        var platform = IoPlatform.Of(context.ActorSystem);
        return Task.FromResult(Check(platform));
    }

    internal static HealthCheckResult Check(IoPlatform? platform)
    {
        if (platform is null)
        {
            return HealthCheckResult.Degraded("The platform has not started yet.");
        }

        if (platform.WhenTerminated.IsCompleted)
        {
            return HealthCheckResult.Unhealthy("The platform has shut down.");
        }

        var boot = platform.WhenBooted;
        if (boot.IsCompletedSuccessfully)
        {
            var report = boot.Result;
            return HealthCheckResult.Healthy($"Booted (attempt {report.Attempt}): {report.Stages.Count} stages, {report.Apps.Count} apps.");
        }

        if (boot.IsFaulted)
        {
            return HealthCheckResult.Unhealthy($"The boot failed: {boot.Exception!.GetBaseException().Message}");
        }

        return HealthCheckResult.Degraded("The boot is running.");
    }
}

/// <summary>
/// The journal as a health check: a read of a probe's highest sequence number through Akka's journal protocol must
/// answer; healthy without a read when the platform does not persist.
/// </summary>
internal sealed class JournalHealthCheck(PlatformOptions configuration) : IAkkaHealthCheck
{
    private const string ProbeId = "ioactors-health";

    public async Task<HealthCheckResult> CheckHealthAsync(AkkaHealthCheckContext context, CancellationToken cancellationToken)
    {
        if (!configuration.IoActors.InMemoryStore.Persist)
        {
            return HealthCheckResult.Healthy("The platform does not persist (ioactors.inMemoryStore.persist = false).");
        }

        var where = JournalDatabase.From(configuration).SqliteFile is { } file ? $"SQLite journal {file}" : "PostgreSQL journal";
        try
        {
            var client = new JournalClient(context.ActorSystem) { Timeout = TimeSpan.FromSeconds(5) };
            await client.ReadHighestSequenceNrAsync(ProbeId, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"The {where} answers.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The {where} does not answer: {e.Message}", e);
        }
    }
}
