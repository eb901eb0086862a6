using System.Globalization;

namespace IoActors.Platform.Configuration;

/// <summary>
/// The io.Manager clients' settings: the crash reporter's output, the events sent to io.Manager (<c>server.events</c>), and
/// the region and environment the session tells.
/// </summary>
public sealed partial class PlatformOptionsValidator
{
    private static void CheckManagerClients(List<string> errors, PlatformOptions options)
    {
        foreach (var (key, value) in new[] { ("env", options.Env), ("region", options.Region) })
        {
            if (value is not null && (string.IsNullOrWhiteSpace(value) || value.Any(char.IsControl) || value.Length > 256))
            {
                errors.Add($"{key}: {Show(value)} must be null (io.Manager is told \"default\") or a name of 1 to 256 characters without control characters");
            }
        }

        CheckServerEvents(errors, options.Server.Events);
        var output = options.CrashReporter.Output;
        if (!CrashReporterOutputOptions.KnownTypes.Contains(output.Type))
        {
            errors.Add($"crashReporter.output.type: {Show(output.Type)} must be one of {string.Join(", ", CrashReporterOutputOptions.KnownTypes)}");
            return;
        }

        if (output.ServerUrl is not null)
        {
            HttpUrl(errors, "crashReporter.output.serverUrl", output.ServerUrl, required: false);
        }
        else if (output.Type == "server" && !options.Server.Enabled)
        {
            errors.Add("crashReporter.output.serverUrl: null must be an absolute http:// or https:// URL when crashReporter.output.type is \"server\" and server.enabled is false (with server.enabled, {server.url}/crashes is used)");
        }
    }

    private static void CheckServerEvents(List<string> errors, ServerEventsOptions events)
    {
        if (events.BatchSize is < 1 or > ServerEventsOptions.MaxBatchSize)
        {
            errors.Add($"server.events.batchSize: {events.BatchSize.ToString(CultureInfo.InvariantCulture)} must be between 1 and {ServerEventsOptions.MaxBatchSize.ToString(CultureInfo.InvariantCulture)} (io.Manager takes at most {ServerEventsOptions.MaxBatchSize.ToString(CultureInfo.InvariantCulture)} events in one batch)");
        }

        Positive(errors, "server.events.flushInterval", events.FlushInterval);
        if (events.MaxQueued < 1)
        {
            errors.Add($"server.events.maxQueued: {events.MaxQueued.ToString(CultureInfo.InvariantCulture)} must be >= 1");
        }

        if (events.MaxQueuedBytes.Bytes < ServerEventsOptions.MinQueuedBytes)
        {
            errors.Add($"server.events.maxQueuedBytes: {events.MaxQueuedBytes} must be at least 64KiB (an event takes up to 16 KiB)");
        }
    }
}
