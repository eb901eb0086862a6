using System.Security.Cryptography;
using System.Text;

namespace IoActors.Host.Api;

/// <summary>The bearer token check every API call except health goes through.</summary>
internal sealed class ApiSecurity(string? token)
{
    private readonly byte[]? _token = token is null ? null : Encoding.UTF8.GetBytes(token);

    /// <summary>Whether the Authorization header carries the token (always true when no token is configured).</summary>
    public bool IsAuthorized(string? authorization)
    {
        if (_token is null)
        {
            return true;
        }

        const string prefix = "Bearer ";
        if (authorization is null || !authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(authorization[prefix.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, _token);
    }
}
