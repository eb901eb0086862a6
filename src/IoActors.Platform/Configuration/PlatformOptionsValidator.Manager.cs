namespace IoActors.Platform.Configuration;

/// <summary>The io.Manager clients' settings: the crash reporter's output, and the region and environment the session tells.</summary>
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
}
