using IoActors.Apps.Definitions;

namespace IoActors.Apps.Stores;

/// <summary>What reading a store response gave.</summary>
/// <param name="Fatal">Set when the response as a whole is unusable (invalid JSON, no applications array).</param>
/// <param name="Definitions">The accepted definitions (names unique).</param>
/// <param name="Problems">The errors of rejected records.</param>
/// <param name="RejectedNames">Names of records that were rejected (their last good definition is kept).</param>
internal sealed record PayloadResult(StoreProblem? Fatal, IReadOnlyList<AppDefinition> Definitions, IReadOnlyList<StoreProblem> Problems, IReadOnlySet<string> RejectedNames)
{
    public static PayloadResult Failed(StoreProblem fatal) => new(fatal, [], [], new HashSet<string>());
}
