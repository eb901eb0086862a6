using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using IoActors.Manager.Configuration;
using IoActors.Manager.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IoActors.Manager.Auth;

/// <summary>Who is calling: the user, the groups a token named, whether an admin, and the session of a session token.</summary>
internal sealed record Caller(string User, IReadOnlyList<string> TokenGroups, bool Admin, string? Session);

/// <summary>
/// Authenticates a request. Credentials come in <c>Authorization</c>: <c>Basic</c> (a user with a stored password hash,
/// <c>basic</c> mode), <c>Bearer</c> (a static service token; the server's own session token; or, in <c>token</c> mode, a
/// JSON Web Token of a configured issuer). The session comes in <c>serverx-token</c> (as io.Connect clients send it) or as
/// the bearer. With both, they must name the same user. In <c>none</c> mode a request without credentials is the user of
/// the <c>user</c> header (or <c>anonymous</c>) and an admin. Password checks are remembered per user, password and stored hash.
/// </summary>
internal sealed class ManagerAuth
{
    private const int MaxCached = 100_000;

    private readonly ManagerAuthOptions _options;
    private readonly ViewHolder _directory;
    private readonly SessionIndex _sessions;
    private readonly Func<string, string, Task<bool>>? _unknownSession;
    private readonly SessionTokens _tokens;
    private readonly TimeProvider _clock;
    private readonly PasswordHasher<string> _hasher = new();
    private readonly ConcurrentDictionary<string, bool> _passwords = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Expires)> _jwts = new(StringComparer.Ordinal);
    private readonly (byte[] Token, StaticTokenOptions Options)[] _static;
    private readonly JsonWebTokenHandler _jwtHandler = new();
    private readonly TokenValidationParameters? _jwtParameters;

    // unknownSession: asks whoever holds the sessions whether a session this node's index does not know is open
    // (cluster mode: a session opened through another node a moment ago); null when the index is the sessions' own (one node).
    public ManagerAuth(ManagerAuthOptions options, ViewHolder directory, SessionIndex sessions, SessionTokens tokens, TimeProvider clock, Func<string, string, Task<bool>>? unknownSession = null)
    {
        _unknownSession = unknownSession;
        _options = options;
        _directory = directory;
        _sessions = sessions;
        _tokens = tokens;
        _clock = clock;
        _static = [.. options.StaticTokens.Select(t => (Encoding.UTF8.GetBytes(t.Token!), t))];
        if (options.Type == "token")
        {
            _jwtParameters = new TokenValidationParameters
            {
                ValidIssuers = options.Jwt.Issuers,
                ValidAudiences = options.Jwt.Audiences,
                ValidateAudience = options.Jwt.Audiences.Count > 0,
                IssuerSigningKeys = [.. options.Jwt.SigningKeys.Select(JwtKeys.Parse)],
                ClockSkew = TimeSpan.FromMinutes(1),
                NameClaimType = options.Jwt.UserClaim,
            };
        }
    }

    /// <summary>The hash stored for a password (ASP.NET Core Identity's PBKDF2 format).</summary>
    public string Hash(string user, string password) => _hasher.HashPassword(user, password);

    /// <summary>The caller, or a 401 naming what is missing or wrong.</summary>
    /// <exception cref="ManagerException">401 or 403.</exception>
    public async ValueTask<Caller> AuthenticateAsync(HttpContext context)
    {
        var request = context.Request;
        SessionClaims? session = null;
        var sessionHeader = request.Headers["serverx-token"].ToString();
        if (sessionHeader.Length > 0)
        {
            session = await _tokens.ValidateAsync(sessionHeader).ConfigureAwait(false);
            if (session is null || !await IsOpenAsync(session.Session, session.User).ConfigureAwait(false))
            {
                throw ManagerException.Unauthorized("serverx-token: the session token is invalid, expired or its session was closed; open a new session with POST /user/hello");
            }
        }

        Caller? credentials = null;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            credentials = CheckBasic(authorization[6..].Trim());
        }
        else if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var bearer = authorization[7..].Trim();
            credentials = CheckStatic(bearer);
            if (credentials is null && await _tokens.ValidateAsync(bearer).ConfigureAwait(false) is { } own)
            {
                if (!await IsOpenAsync(own.Session, own.User).ConfigureAwait(false))
                {
                    throw ManagerException.Unauthorized("Authorization: the session token's session was closed; open a new session with POST /user/hello");
                }

                session ??= own;
                credentials = FromSession(own);
            }

            credentials ??= await CheckJwtAsync(bearer).ConfigureAwait(false);
        }
        else if (authorization.Length > 0)
        {
            throw ManagerException.Unauthorized("Authorization: only the Basic and Bearer schemes are accepted");
        }

        if (credentials is null && session is not null)
        {
            credentials = FromSession(session);
        }

        if (credentials is null)
        {
            if (_options.Type == "none")
            {
                var user = request.Headers["user"].ToString();
                return new Caller(user.Length > 0 ? Names.Check("user header", user) : "anonymous", [], true, null);
            }

            throw ManagerException.Unauthorized(_options.Type == "basic"
                ? "credentials are required: Authorization: Basic (user name and password) or Bearer (a service or session token)"
                : "credentials are required: Authorization: Bearer with a token of a configured issuer, or a service or session token");
        }

        if (session is not null && !string.Equals(session.User, credentials.User, StringComparison.OrdinalIgnoreCase))
        {
            throw ManagerException.Forbidden($"the session token belongs to another user than the credentials ('{Names.Printable(credentials.User)}')");
        }

        return credentials with { Session = session?.Session };
    }

    private Caller FromSession(SessionClaims session)
    {
        var user = _directory.Current.Users.GetValueOrDefault(session.User);
        return new Caller(session.User, [], _options.Type == "none" || (user?.Admin ?? false), session.Session);
    }

    private Caller CheckBasic(string encoded)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            throw ManagerException.Unauthorized("Authorization: the Basic credentials are not base64");
        }

        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            throw ManagerException.Unauthorized("Authorization: the Basic credentials are not user:password");
        }

        var (name, password) = (text[..colon], text[(colon + 1)..]);
        var view = _directory.Current;
        if (!view.Users.TryGetValue(name, out var user) || user.PasswordHash is null || !Verify(user, password))
        {
            throw ManagerException.Unauthorized("Authorization: unknown user or wrong password");
        }

        return new Caller(user.Id, [], _options.Type == "none" || user.Admin, null);
    }

    private bool Verify(ManagerUser user, string password)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{user.Id}\n{password}\n{user.PasswordHash}")));
        if (_passwords.TryGetValue(key, out var known))
        {
            return known;
        }

        var result = _hasher.VerifyHashedPassword(user.Id, user.PasswordHash!, password) != PasswordVerificationResult.Failed;
        if (_passwords.Count >= MaxCached)
        {
            _passwords.Clear();
        }

        _passwords[key] = result;
        return result;
    }

    private Caller? CheckStatic(string bearer)
    {
        var given = Encoding.UTF8.GetBytes(bearer);
        foreach (var (token, options) in _static)
        {
            if (CryptographicOperations.FixedTimeEquals(given, token))
            {
                return new Caller(options.User!, [], options.Admin || _options.Type == "none", null);
            }
        }

        return null;
    }

    private async ValueTask<Caller?> CheckJwtAsync(string bearer)
    {
        if (_jwtParameters is null)
        {
            throw ManagerException.Unauthorized("Authorization: the bearer token is neither a service token nor a session token of this server");
        }

        var now = _clock.GetUtcNow();
        if (_jwts.TryGetValue(bearer, out var known) && known.Expires > now)
        {
            return known.Caller;
        }

        if (bearer.Length > 16 * 1024)
        {
            throw ManagerException.Unauthorized("Authorization: the bearer token is longer than 16384 characters");
        }

        var result = await _jwtHandler.ValidateTokenAsync(bearer, _jwtParameters).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            throw ManagerException.Unauthorized($"Authorization: the bearer token was refused ({result.Exception?.GetType().Name.Replace("SecurityToken", string.Empty, StringComparison.Ordinal) ?? "invalid"})");
        }

        var jwtOptions = _options.Jwt;
        if (!jwt.TryGetPayloadValue<string>(jwtOptions.UserClaim, out var user) || string.IsNullOrWhiteSpace(user))
        {
            throw ManagerException.Unauthorized($"Authorization: the bearer token has no '{jwtOptions.UserClaim}' claim (manager.auth.jwt.userClaim)");
        }

        var groups = jwt.Claims.Where(c => c.Type == jwtOptions.GroupsClaim).Select(c => c.Value).ToList();
        var admin = jwt.Claims.Any(c => c.Type == jwtOptions.RolesClaim && c.Value == jwtOptions.AdminRole)
            || (_directory.Current.Users.GetValueOrDefault(user)?.Admin ?? false);
        var caller = new Caller(Names.Check("the token's user claim", user), groups, admin, null);
        if (_jwts.Count >= MaxCached)
        {
            _jwts.Clear();
        }

        _jwts[bearer] = (caller, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        return caller;
    }

    private async Task<bool> IsOpenAsync(string session, string user) =>
        _sessions.IsOpen(session, user) || (_unknownSession is { } ask && await ask(session, user).ConfigureAwait(false));
}
