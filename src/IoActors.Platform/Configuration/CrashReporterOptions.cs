namespace IoActors.Platform.Configuration;

/// <summary>
/// Crash reports (<c>crashReporter</c> in system.json): when an instance's process ends on its own with a non-zero exit code
/// or a signal, a report is sent where <see cref="Output"/> says. The default sends none.
/// </summary>
public sealed class CrashReporterOptions
{
    /// <summary>Where reports go. The default is <c>type = "none"</c>.</summary>
    public CrashReporterOutputOptions Output { get; set; } = new();
}

/// <summary>Where crash reports go (<c>crashReporter.output</c>).</summary>
public sealed class CrashReporterOutputOptions
{
    /// <summary>The output types this setting accepts.</summary>
    public static IReadOnlyList<string> KnownTypes { get; } = ["none", "server"];

    /// <summary>
    /// <c>"none"</c> (no reports) or <c>"server"</c> (a multipart <c>POST</c> to <see cref="ServerUrl"/>, as io.Connect Desktop
    /// sends them to io.Manager). The default is <c>"none"</c>.
    /// </summary>
    public string Type { get; set; } = "none";

    /// <summary>
    /// The URL reports are posted to, e.g. <c>http://localhost:4356/api/crashes</c>; with <see langword="null"/> and
    /// <c>server.enabled</c>, <c>{server.url}/crashes</c>. A URL under <c>server.url</c> is sent with the io.Manager session's
    /// credentials; any other without. The default is <see langword="null"/>.
    /// </summary>
    public string? ServerUrl { get; set; }
}
