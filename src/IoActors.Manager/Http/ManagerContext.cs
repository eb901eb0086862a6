using System.Text.Json;
using Akka.Actor;
using IoActors.Apps.Definitions;
using IoActors.Manager.Auth;
using IoActors.Manager.Configuration;
using IoActors.Manager.State;
using Microsoft.AspNetCore.Http;

namespace IoActors.Manager.Http;

/// <summary>What the route handlers share: the actors, the published views, the authenticator and the options.</summary>
internal sealed class ManagerContext(
    ManagerOptions options,
    ManagerAuth auth,
    SessionTokens tokens,
    ViewHolder directory,
    IActorRef directoryActor,
    IActorRef users,
    IActorRef sessions,
    IActorRef reports,
    IActorRef audit,
    TimeProvider clock,
    DateTimeOffset started)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan TouchEvery = TimeSpan.FromSeconds(30);
    private const int MaxTouched = 100_000;
    private readonly global::System.Collections.Concurrent.ConcurrentDictionary<string, long> _touched = new(StringComparer.Ordinal);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = global::System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public ManagerOptions Options { get; } = options;

    public ManagerAuth Auth { get; } = auth;

    public SessionTokens Tokens { get; } = tokens;

    public DirectoryView Directory => directory.Current;

    public IActorRef DirectoryActor { get; } = directoryActor;

    public IActorRef Users { get; } = users;

    public IActorRef Sessions { get; } = sessions;

    public IActorRef Reports { get; } = reports;

    public IActorRef Audit { get; } = audit;

    public TimeProvider Clock { get; } = clock;

    public DateTimeOffset Started { get; } = started;

    /// <summary>The server's actor system (cluster state for <c>/admin/cluster</c>).</summary>
    public required ActorSystem System { get; init; }

    public string DataFolder => Options.ResolvePath(Options.DataFolder);

    /// <summary>Asks an actor; a refusal it answered rethrows as the <see cref="ManagerException"/>.</summary>
    public async Task<T> AskAsync<T>(IActorRef actor, object message, CancellationToken ct)
    {
        try
        {
            return await actor.Ask<object>(message, AskTimeout, ct).ConfigureAwait(false) switch
            {
                ManagerRefusal refusal => throw refusal.ToException(),
                T answer => answer,
                var other => throw new InvalidOperationException($"{actor.Path.Name} answered {other?.GetType().Name ?? "null"} to {message.GetType().Name}; {typeof(T).Name} was expected"),
            };
        }
        catch (AskTimeoutException)
        {
            throw new ManagerException(503, "Busy", $"the server did not answer within {AskTimeout.TotalSeconds:0} s; try again");
        }
    }

    /// <summary>Changes the directory and answers the view that shows the change (on this node, whichever node holds the directory).</summary>
    public async Task<DirectoryView> ChangeDirectoryAsync(DirectoryCommand command, CancellationToken ct)
    {
        var changed = await AskAsync<DirectoryChanged>(DirectoryActor, command, ct).ConfigureAwait(false);
        return await directory.WhenAtAsync(changed.Version, AskTimeout, ct).ConfigureAwait(false);
    }

    /// <summary>Authenticates, and notes the session as seen.</summary>
    public async ValueTask<Caller> CallerAsync(HttpContext context)
    {
        var caller = await Auth.AuthenticateAsync(context).ConfigureAwait(false);
        if (caller.Session is { } session)
        {
            // The sessions actor journals last-seen times once a minute; telling it once per 30 s per node is enough,
            // and keeps a remote message off every request when it runs on another node.
            var now = Clock.GetTimestamp();
            if (!_touched.TryGetValue(session, out var last) || Clock.GetElapsedTime(last, now) >= TouchEvery)
            {
                if (_touched.Count >= MaxTouched)
                {
                    _touched.Clear();
                }

                _touched[session] = now;
                Sessions.Tell(new TouchSession(session), ActorRefs.NoSender);
            }
        }

        return caller;
    }

    /// <summary>Authenticates an admin.</summary>
    /// <exception cref="ManagerException">401 without credentials, 403 for a caller who is not an admin.</exception>
    public async ValueTask<Caller> AdminAsync(HttpContext context)
    {
        var caller = await CallerAsync(context).ConfigureAwait(false);
        return caller.Admin ? caller : throw ManagerException.Forbidden($"user '{Names.Printable(caller.User)}' is not an admin");
    }

    /// <summary>The groups of a caller: the directory's and the token's.</summary>
    public IReadOnlyList<string> GroupsOf(Caller caller) => Directory.GroupsOf(caller.User, caller.TokenGroups);

    /// <summary>Reads a body (at most <c>manager.limits.maxRequestBytes</c>; 413 past it, 400 when empty).</summary>
    public async Task<ReadOnlyMemory<byte>> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        var limit = Options.Limits.MaxRequestBytes;
        if (request.ContentLength > limit)
        {
            throw ManagerException.TooLarge($"the request body has {request.ContentLength} bytes; manager.limits.maxRequestBytes is {limit}");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw ManagerException.TooLarge($"the request body passed manager.limits.maxRequestBytes ({limit} bytes)");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length > 0
            ? buffer.ToArray()
            : throw ManagerException.BadRequest("the request body is empty; a JSON value is required");
    }

    /// <summary>Reads a JSON body, refusing one that is not usable JSON with a 400 naming where.</summary>
    public async Task<JsonElement> ReadJsonAsync(HttpRequest request, CancellationToken ct) =>
        JsonRequestText.TryParse(await ReadBytesAsync(request, ct).ConfigureAwait(false), out var root) is { } problem
            ? throw ManagerException.BadRequest(problem)
            : root;

    /// <summary>Reads a JSON object body.</summary>
    public async Task<JsonElement> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await ReadJsonAsync(request, ct).ConfigureAwait(false);
        return body.ValueKind == JsonValueKind.Object ? body : throw ManagerException.BadRequest($"the request body is a JSON {body.ValueKind.ToString().ToLowerInvariant()}; an object is required");
    }

    /// <summary>Tells the audit log of an admin change not made through the directory.</summary>
    public void Audited(Caller caller, string action, string target, string? detail = null) =>
        Audit.Tell(new AuditEntry(Clock.GetUtcNow(), caller.User, action, target, detail), ActorRefs.NoSender);
}
