namespace IoActors.Apps.Definitions;

/// <summary>A remote archived app (<c>asset</c> or <c>assets</c>) to download and extract before launch.</summary>
/// <param name="Source">The URL of the archive (<c>src</c>).</param>
/// <param name="NoCache">Whether to send <c>Cache-Control: no-cache</c>. The default is <see langword="false"/>.</param>
/// <param name="Headers">The request headers (name, value), in definition order.</param>
public sealed record AppAsset(string Source, bool NoCache, IReadOnlyList<KeyValuePair<string, string>> Headers);
