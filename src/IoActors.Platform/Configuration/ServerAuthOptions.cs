namespace IoActors.Platform.Configuration;

/// <summary>io.Manager authentication: <c>basic { username, password }</c> or <c>token { bearer }</c>.</summary>
public sealed class ServerAuthOptions
{
    /// <summary>Basic authentication. The default is <see langword="null"/> (not used).</summary>
    public BasicAuthOptions? Basic { get; set; }

    /// <summary>Bearer-token authentication. The default is <see langword="null"/> (not used).</summary>
    public TokenAuthOptions? Token { get; set; }
}
