using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IoActors.Manager.Auth;

/// <summary>A session token's content.</summary>
internal sealed record SessionClaims(string Session, string User, DateTimeOffset Expires);

/// <summary>
/// The server's session tokens: JSON Web Tokens (HS256) with the claims io.Connect clients read (<c>session</c>,
/// <c>user</c>, <c>iat</c>, <c>exp</c>), signed with a key kept in the data folder (<c>session-signing.key</c>, created on
/// first start, owner-only), so tokens outlive a restart. Validated tokens are remembered (at most
/// <see cref="MaxCached"/>) so a request costs a dictionary lookup, not a signature check.
/// </summary>
internal sealed class SessionTokens
{
    internal const string Issuer = "ioactors-manager";
    internal const int MaxCached = 100_000;

    private readonly SymmetricSecurityKey _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly ConcurrentDictionary<string, SessionClaims> _valid = new(StringComparer.Ordinal);
    private readonly TokenValidationParameters _parameters;

    public SessionTokens(byte[] key, TimeSpan lifetime, TimeProvider clock)
    {
        _key = new SymmetricSecurityKey(key);
        _lifetime = lifetime;
        _clock = clock;
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidateAudience = false,
            IssuerSigningKey = _key,
            ValidateLifetime = false, // checked against the server's clock below
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        };
    }

    /// <summary>Reads the key file of a data folder, creating it (32 random bytes, owner read/write only) when missing.</summary>
    public static byte[] LoadOrCreateKey(string dataFolder)
    {
        var file = Path.Combine(dataFolder, "session-signing.key");
        if (File.Exists(file))
        {
            var existing = File.ReadAllBytes(file);
            if (existing.Length >= 32)
            {
                return existing;
            }

            throw new InvalidOperationException($"{file}: {existing.Length} bytes; the session signing key must hold at least 32 (delete it to have a new one made; open sessions then end)");
        }

        Directory.CreateDirectory(dataFolder);
        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        // Written aside, then moved in without overwriting: cluster nodes sharing the data folder that start together
        // all end up with the one key that was moved in first, never with a half-written file.
        var temp = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var stream = new FileStream(temp, options))
        {
            stream.Write(key);
        }

        try
        {
            File.Move(temp, file, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(file))
        {
            File.Delete(temp);
            return LoadOrCreateKey(dataFolder);
        }
    }

    /// <summary>A new token for a session.</summary>
    public string Issue(string session, string user)
    {
        var now = _clock.GetUtcNow();
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(_lifetime).UtcDateTime,
            Claims = new Dictionary<string, object> { ["session"] = session, ["user"] = user },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The claims of a valid, unexpired token of this server, or <see langword="null"/>.</summary>
    public async ValueTask<SessionClaims?> ValidateAsync(string token)
    {
        var now = _clock.GetUtcNow();
        if (_valid.TryGetValue(token, out var known))
        {
            return known.Expires > now ? known : null;
        }

        if (token.Length > 8192 || token.Count(c => c == '.') != 2)
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        if (!result.IsValid
            || !result.Claims.TryGetValue("session", out var sessionClaim) || sessionClaim is not string session
            || !result.Claims.TryGetValue("user", out var userClaim) || userClaim is not string user
            || result.SecurityToken is not JsonWebToken jwt)
        {
            return null;
        }

        var claims = new SessionClaims(session, user, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        if (claims.Expires <= now)
        {
            return null;
        }

        if (_valid.Count >= MaxCached)
        {
            _valid.Clear();
        }

        _valid[token] = claims;
        return claims;
    }
}
