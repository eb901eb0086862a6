namespace IoActors.Apps.Stores;

/// <summary>The result of one load.</summary>
/// <param name="Success">Whether the source was reached and read (individual records may still have failed).</param>
/// <param name="Changed">Whether the set changed.</param>
/// <param name="Cause">The failure cause (naming the source) when <paramref name="Success"/> is false.</param>
/// <param name="Problems">The problems to publish as <see cref="StoreError"/>.</param>
/// <param name="FromCache">Whether the set came from the persistent cache.</param>
internal sealed record LoadOutcome(bool Success, bool Changed, string? Cause, IReadOnlyList<StoreProblem> Problems, bool FromCache = false)
{
    public static LoadOutcome Failed(string cause, IReadOnlyList<StoreProblem> problems) => new(false, false, cause, problems);
}
