namespace IoActors.Platform.Configuration;

/// <summary>Logging (<c>ioactors.logging</c>).</summary>
public sealed class LoggingOptions
{
    /// <summary>The accepted levels.</summary>
    public static IReadOnlyList<string> KnownLevels { get; } = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"];

    /// <summary>The minimum level: Verbose, Debug, Information, Warning, Error or Fatal (case-insensitive). The default is <c>Information</c>.</summary>
    public string Level { get; set; } = "Information";

    /// <summary>The log file (relative to the configuration file's folder); <see langword="null"/> logs to the console only. The default is <c>data/logs/ioactors.log</c>.</summary>
    public string? File { get; set; } = "data/logs/ioactors.log";
}
