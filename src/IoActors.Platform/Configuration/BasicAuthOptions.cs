namespace IoActors.Platform.Configuration;

/// <summary>Basic authentication credentials.</summary>
public sealed class BasicAuthOptions
{
    /// <summary>The user name. The default is <see langword="null"/> (required when basic auth is set).</summary>
    public string? Username { get; set; }

    /// <summary>The password. The default is <see langword="null"/>.</summary>
    public string? Password { get; set; }
}
