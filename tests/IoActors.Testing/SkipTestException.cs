namespace IoActors.Testing;

/// <summary>Thrown by a <see cref="SkippableFactAttribute"/> test to report itself skipped, with the reason.</summary>
public sealed class SkipTestException : Exception
{
    public SkipTestException(string reason)
        : base(reason)
    {
    }
}
