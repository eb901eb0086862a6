using System.Net.Http.Headers;

namespace IoActors.Manager.Tests.Support;

/// <summary>What a request authenticates with: an Authorization header (Basic or Bearer) and/or a session token in <c>serverx-token</c>.</summary>
public sealed record Creds(string? Authorization, string? SessionToken, string User, string Password)
{
    /// <summary>No credentials at all.</summary>
    public static Creds None { get; } = new(null, null, string.Empty, string.Empty);

    public static Creds Basic(string user, string password) =>
        new("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")), null, user, password);

    public static Creds Bearer(string token, string user = "") => new("Bearer " + token, null, user, string.Empty);

    /// <summary>Only the session token, as io.Connect clients send it.</summary>
    public static Creds Session(string token, string user = "") => new(null, token, user, string.Empty);

    /// <summary>An Authorization header as is (e.g. a malformed one).</summary>
    public static Creds Raw(string authorization) => new(authorization, null, string.Empty, string.Empty);

    /// <summary>These credentials plus a session token in <c>serverx-token</c>.</summary>
    public Creds WithSession(string token) => this with { SessionToken = token };

    public void Apply(HttpRequestMessage request)
    {
        if (Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", Authorization);
        }

        if (SessionToken is not null)
        {
            request.Headers.TryAddWithoutValidation("serverx-token", SessionToken);
        }
    }

    public AuthenticationHeaderValue? Header => Authorization is null ? null : AuthenticationHeaderValue.Parse(Authorization);
}
