using System.Security.Cryptography;
using System.Text;

namespace IoActors.Host.Dashboard;

/// <summary>
/// The dashboard's sign-ins: sessions (a random id in an HttpOnly cookie, a CSRF token the page sends with every
/// change), one-time link codes, and a cap on wrong tokens. Everything is bounded: at most <c>maxSessions</c> sessions
/// (the least recently used ends first), <see cref="MaxLinks"/> open links, <see cref="MaxFailures"/> wrong tokens a
/// minute (a token may be set by hand, so guessing it is slowed; one-time codes are 256 random bits).
/// </summary>
internal sealed class DashboardSessions
{
    /// <summary>How many one-time links may be open at once; one more ends the oldest.</summary>
    public const int MaxLinks = 16;

    /// <summary>How many wrong tokens a minute are answered before sign-ins with a token are refused for the rest of it.</summary>
    public const int MaxFailures = 20;

    private static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(1);

    private readonly object _gate = new();
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _links = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _failures = new();
    private readonly byte[] _token;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeSpan _linkTimeout;
    private readonly int _maxSessions;
    private readonly TimeProvider _time;

    public DashboardSessions(string token, TimeSpan idleTimeout, int maxSessions, TimeSpan linkTimeout, TimeProvider? time = null)
    {
        _token = Encoding.UTF8.GetBytes(token);
        _idleTimeout = idleTimeout;
        _maxSessions = maxSessions;
        _linkTimeout = linkTimeout;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How long a one-time link stays valid.</summary>
    public TimeSpan LinkTimeout => _linkTimeout;

    /// <summary>How many sessions are open.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>Signs in with the API token or a one-time code: the new session, or why not.</summary>
    /// <param name="token">The API token given, or <see langword="null"/>.</param>
    /// <param name="code">The one-time code given, or <see langword="null"/>.</param>
    /// <returns>The session, or the refusal.</returns>
    public SignIn SignIn(string? token, string? code)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            while (_failures.Count > 0 && now - _failures.Peek() >= FailureWindow)
            {
                _failures.Dequeue();
            }

            // Codes are 256 random bits and single use; only tokens (which may be set by hand) are capped.
            if (code is null && _failures.Count >= MaxFailures)
            {
                return new SignIn(null, SignInRefusal.TooManyFailures);
            }

            var accepted = code is not null ? Redeem(code, now) : token is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), _token);
            if (!accepted)
            {
                if (code is null)
                {
                    _failures.Enqueue(now);
                }

                return new SignIn(null, code is not null ? SignInRefusal.WrongCode : SignInRefusal.WrongToken);
            }

            RemoveExpired(now);
            if (_sessions.Count >= _maxSessions)
            {
                _sessions.Remove(_sessions.Values.MinBy(s => s.LastSeen)!.Id);
            }

            var session = new Session(RandomId(), RandomId()) { LastSeen = now };
            _sessions[session.Id] = session;
            return new SignIn(new SessionView(session.Id, session.Csrf, now + _idleTimeout), SignInRefusal.None);
        }
    }

    /// <summary>The session with this id if it is open (its idle time starts again), else <see langword="null"/>.</summary>
    /// <param name="id">The cookie's value.</param>
    /// <returns>The session, or <see langword="null"/>.</returns>
    public SessionView? Find(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_sessions.TryGetValue(id, out var session))
            {
                return null;
            }

            if (now - session.LastSeen >= _idleTimeout)
            {
                _sessions.Remove(id);
                return null;
            }

            session.LastSeen = now;
            return new SessionView(session.Id, session.Csrf, now + _idleTimeout);
        }
    }

    /// <summary>Ends a session (sign out).</summary>
    /// <param name="id">The session id.</param>
    public void End(string id)
    {
        lock (_gate)
        {
            _sessions.Remove(id);
        }
    }

    /// <summary>Opens a one-time link code, valid for <see cref="LinkTimeout"/>; past <see cref="MaxLinks"/> open codes the oldest ends.</summary>
    /// <returns>The code and when it stops being valid.</returns>
    public (string Code, DateTimeOffset ExpiresAt) CreateLink()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (var (old, expiry) in _links.ToList())
            {
                if (expiry <= now)
                {
                    _links.Remove(old);
                }
            }

            if (_links.Count >= MaxLinks)
            {
                _links.Remove(_links.MinBy(l => l.Value).Key);
            }

            var code = RandomId();
            _links[code] = now + _linkTimeout;
            return (code, now + _linkTimeout);
        }
    }

    /// <summary>Whether a CSRF token is the session's (compared in constant time).</summary>
    /// <param name="session">The session.</param>
    /// <param name="given">The header's value.</param>
    /// <returns>Whether it matches.</returns>
    public static bool IsCsrf(SessionView session, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(session.Csrf));

    private bool Redeem(string code, DateTimeOffset now) => _links.Remove(code, out var expiry) && expiry > now;

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var session in _sessions.Values.Where(s => now - s.LastSeen >= _idleTimeout).ToList())
        {
            _sessions.Remove(session.Id);
        }
    }

    private static string RandomId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class Session(string id, string csrf)
    {
        public string Id { get; } = id;

        public string Csrf { get; } = csrf;

        public DateTimeOffset LastSeen { get; set; }
    }
}

/// <summary>An open session as the endpoints see it.</summary>
/// <param name="Id">The cookie's value.</param>
/// <param name="Csrf">The token state-changing requests must send in <c>X-CSRF-Token</c>.</param>
/// <param name="ExpiresAt">When it ends unless used again.</param>
internal sealed record SessionView(string Id, string Csrf, DateTimeOffset ExpiresAt);

/// <summary>Why a sign-in was refused.</summary>
internal enum SignInRefusal
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary>The token is not the API token.</summary>
    WrongToken,

    /// <summary>The code is unknown, used or expired.</summary>
    WrongCode,

    /// <summary>Too many wrong tokens or codes in the last minute.</summary>
    TooManyFailures,
}

/// <summary>A sign-in's result: the session, or why there is none.</summary>
/// <param name="Session">The new session, or <see langword="null"/>.</param>
/// <param name="Refusal">Why it was refused.</param>
internal sealed record SignIn(SessionView? Session, SignInRefusal Refusal);
