namespace IoActors.Platform.Instances;

/// <summary>A launcher could not start an instance; the message says why and names the file, URL or setting involved.</summary>
public sealed class LaunchException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public LaunchException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
