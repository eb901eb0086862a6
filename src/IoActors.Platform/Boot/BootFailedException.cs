namespace IoActors.Platform.Boot;

/// <summary>The boot failed: a required store could not be loaded, a critical app failed or timed out, or the identity gate failed.</summary>
public sealed class BootFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the store or app and the cause.</param>
    /// <param name="report">The boot report at the moment of failure.</param>
    public BootFailedException(string message, BootReport report)
        : base(message)
    {
        Report = report;
    }

    /// <summary>The boot report at the moment of failure.</summary>
    public BootReport Report { get; }
}
