namespace IoActors.Platform.Configuration;

/// <summary>Bearer-token authentication.</summary>
public sealed class TokenAuthOptions
{
    /// <summary>The bearer token. The default is <see langword="null"/> (required when token auth is set).</summary>
    public string? Bearer { get; set; }
}
