namespace IoActors.Apps.Stores;

/// <summary>A required app store could not be loaded; the boot fails with this exception.</summary>
public sealed class AppStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message naming every failed store and its cause.</param>
    /// <param name="failures">The failed stores.</param>
    public AppStoreException(string message, IReadOnlyList<StoreFailed> failures)
        : base(message)
    {
        Failures = failures;
    }

    /// <summary>The failed stores, each with its id and cause.</summary>
    public IReadOnlyList<StoreFailed> Failures { get; }
}
