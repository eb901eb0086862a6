namespace IoActors.Platform.Shutdown;

/// <summary>The result of <see cref="IoPlatform.ShutdownAsync"/> or <see cref="IoPlatform.RestartAsync"/>.</summary>
/// <param name="Prevented">Whether a handler prevented it.</param>
/// <param name="PreventedBy">The names of the handlers that prevented it.</param>
public sealed record ShutdownOutcome(bool Prevented, IReadOnlyList<string> PreventedBy)
{
    /// <summary>The shutdown went on.</summary>
    public static ShutdownOutcome Proceeded { get; } = new(false, []);
}
