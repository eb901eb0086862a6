using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Testing;
using Microsoft.AspNetCore.Http;

namespace IoActors.Platform.Tests.Support;

/// <summary>
/// io.Manager's user API on a real Kestrel server (127.0.0.1, a free port) under <c>/api</c>: sessions (hello with Basic
/// credentials ann/secret, refresh, goodbye; tokens are JWTs naming the session and the user), apps, preferences, layouts
/// with ids and a default, crash reports (multipart), and platform events (<c>POST /user/events</c>, batches deduplicated by
/// id; <see cref="EventAnswers"/> scripts refusals). Every request must carry the credentials, and every request but hello
/// the current session token in <c>serverx-token</c>, else 401. Every request is recorded.
/// </summary>
internal sealed class FakeIoManager : IAsyncDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<string, JsonObject> _prefs = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _layouts = [];
    private string? _default;
    private int _sessions;
    private int _nextId;
    private string? _validToken;

    private FakeIoManager(TestHttpServer server) => Server = server;

    public TestHttpServer Server { get; }

    public string Url => Server.Url("api").ToString().TrimEnd('/');

    /// <summary>While true, every request is answered 503.</summary>
    public volatile bool Down;

    /// <summary>How many sessions hello opened.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>The crash reports received: their form fields, and the file part's name and text.</summary>
    public ConcurrentQueue<(Dictionary<string, string> Fields, string FileName, string File)> Crashes { get; } = new();

    public IEnumerable<RecordedRequest> Requests => Server.Requests;

    /// <summary>
    /// How the next event batches are answered, in order, before they are read: a status (with a problem body), with a
    /// Retry-After in seconds, or <see langword="null"/> to hang until the client gives up. Batches past the script are
    /// stored and answered <c>200 {"accepted": n}</c>.
    /// </summary>
    public ConcurrentQueue<(int Status, int? RetryAfterSeconds)?> EventAnswers { get; } = new();

    /// <summary>The event batches stored (each id once, in arrival order): the whole body.</summary>
    public ConcurrentQueue<JsonObject> EventBatches { get; } = new();

    /// <summary>Every event stored, in order.</summary>
    public List<JsonObject> Events => [.. EventBatches.SelectMany(b => b["events"]!.AsArray().Select(e => e!.AsObject()))];

    public static async Task<FakeIoManager> StartAsync()
    {
        var server = await TestHttpServer.StartAsync();
        var manager = new FakeIoManager(server);
        server.Handler = manager.HandleAsync;
        return manager;
    }

    /// <summary>Forgets the current session: the next request with its token is answered 401.</summary>
    public void ExpireSession()
    {
        lock (_lock)
        {
            _validToken = null;
        }
    }

    public void AddPreferences(string app, string data)
    {
        lock (_lock)
        {
            _prefs[app] = Record(app, JsonNode.Parse(data)!.AsObject());
        }
    }

    /// <summary>Stores a layout as io.Connect would (its definition a JSON string); returns its id.</summary>
    public string AddLayout(string type, string name, string definition, bool isDefault = false)
    {
        lock (_lock)
        {
            var id = $"layout-{++_nextId}";
            _layouts.Add(new JsonObject { ["definition"] = definition, ["id"] = id, ["type"] = type, ["name"] = name, ["owner"] = "ann" });
            if (isDefault)
            {
                _default = id;
            }

            return id;
        }
    }

    public JsonObject? Preferences(string app)
    {
        lock (_lock)
        {
            return _prefs.TryGetValue(app, out var p) ? (JsonObject)p.DeepClone() : null;
        }
    }

    public List<JsonObject> Layouts()
    {
        lock (_lock)
        {
            return [.. _layouts.Select(l => (JsonObject)l.DeepClone())];
        }
    }

    public string? DefaultLayoutId
    {
        get
        {
            lock (_lock)
            {
                return _default;
            }
        }
    }

    /// <summary>Waits (real time, bounded) for a request that matches, among those not yet waited for.</summary>
    public async Task<RecordedRequest> WaitForAsync(Func<RecordedRequest, bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            RecordedRequest next;
            try
            {
                next = await Server.NextRequestAsync(TimeSpan.FromSeconds(15)).WaitAsync(timeout.Token);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                throw new TimeoutException($"No {what} arrived at the fake io.Manager. Requests: {string.Join(", ", Server.Requests.Select(r => $"{r.Method} {r.Path}"))}");
            }

            if (match(next))
            {
                return next;
            }
        }
    }

    public Task<RecordedRequest> WaitForAsync(string method, string path) => WaitForAsync(r => r.Method == method && r.Path == path, $"{method} {path}");

    public static string Jwt(string session, string user)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part("""{"alg":"HS256","typ":"JWT"}""")}.{Part($$"""{"session":"{{session}}","user":"{{user}}","iat":946684800,"exp":4102444800}""")}.c2lnbmF0dXJl";
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private JsonObject Record(string app, JsonObject data) =>
        new() { ["data"] = data, ["id"] = $"prefs-{app}", ["app"] = app, ["user"] = "ann", ["lastUpdate"] = "2000-01-01T00:00:00.000Z" };

    private async Task HandleAsync(HttpContext ctx)
    {
        var method = ctx.Request.Method;
        var path = ctx.Request.Path.Value ?? string.Empty;
        if (Down)
        {
            ctx.Response.StatusCode = 503;
            return;
        }

        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ann:secret"));
        if (ctx.Request.Headers.Authorization.ToString() != basic)
        {
            await Problem(ctx, 401, "Unauthorized", "the credentials are missing or wrong");
            return;
        }

        if (method == "POST" && path == "/api/user/hello")
        {
            await OpenAsync(ctx);
            return;
        }

        string? valid;
        lock (_lock)
        {
            valid = _validToken;
        }

        if (valid is null || ctx.Request.Headers["serverx-token"].ToString() != valid)
        {
            await Problem(ctx, 401, "Unauthorized", "no such session");
            return;
        }

        var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
        switch (method, path)
        {
            case ("POST", "/api/user/refresh"):
                await OpenAsync(ctx);
                return;
            case ("POST", "/api/user/goodbye"):
                ExpireSession();
                ctx.Response.StatusCode = 204;
                return;
            case ("GET", "/api/user/apps"):
                await TestHttpServer.WriteJsonAsync(ctx, "[]");
                return;
            case ("GET", "/api/user/prefs/"):
                await Json(ctx, () => new JsonArray([.. _prefs.Values.Select(p => p.DeepClone())]));
                return;
            case ("POST", "/api/user/prefs/"):
            {
                var request = JsonNode.Parse(body)!.AsObject();
                var app = request["app"]!.GetValue<string>();
                await Json(ctx, () => _prefs[app] = Record(app, request["data"]!.DeepClone().AsObject()));
                return;
            }

            case ("DELETE", "/api/user/prefs/"):
                lock (_lock)
                {
                    _prefs.Clear();
                }

                ctx.Response.StatusCode = 204;
                return;
            case ("GET", "/api/user/layouts"):
                await Json(ctx, () => new JsonArray([.. _layouts.Select(l => l.DeepClone())]));
                return;
            case ("POST", "/api/user/layouts"):
                await Json(ctx, () => SaveLayout(JsonNode.Parse(body)!.AsObject()));
                return;
            case ("GET", "/api/user/layouts/default"):
                await DefaultAsync(ctx);
                return;
            case ("POST", "/api/user/layouts/default"):
                lock (_lock)
                {
                    _default = JsonNode.Parse(body)?["id"]?.GetValue<string>();
                }

                await DefaultAsync(ctx);
                return;
            case ("POST", "/api/crashes"):
                await CrashAsync(ctx);
                return;
            case ("POST", "/api/user/events"):
                await EventsAsync(ctx, body);
                return;
        }

        if (method == "DELETE" && path.StartsWith("/api/user/prefs/", StringComparison.Ordinal))
        {
            lock (_lock)
            {
                _prefs.Remove(Uri.UnescapeDataString(path["/api/user/prefs/".Length..]));
            }

            ctx.Response.StatusCode = 204;
            return;
        }

        if (method == "DELETE" && path.StartsWith("/api/user/layouts/", StringComparison.Ordinal))
        {
            var id = Uri.UnescapeDataString(path["/api/user/layouts/".Length..]);
            lock (_lock)
            {
                _layouts.RemoveAll(l => l["id"]!.GetValue<string>() == id);
            }

            ctx.Response.StatusCode = 204;
            return;
        }

        if (method == "POST" && path.StartsWith("/api/user/layouts/", StringComparison.Ordinal) && path.EndsWith("/rename", StringComparison.Ordinal))
        {
            var id = Uri.UnescapeDataString(path["/api/user/layouts/".Length..^"/rename".Length]);
            JsonObject? layout;
            lock (_lock)
            {
                layout = _layouts.FirstOrDefault(l => l["id"]!.GetValue<string>() == id);
                if (layout is not null)
                {
                    layout["name"] = JsonNode.Parse(body)!["newName"]!.GetValue<string>();
                }
            }

            if (layout is null)
            {
                await Problem(ctx, 404, "Not Found", $"no layout {id}");
                return;
            }

            await Json(ctx, () => layout.DeepClone());
            return;
        }

        await Problem(ctx, 404, "Not Found", $"{method} {path} is not served");
    }

    private async Task OpenAsync(HttpContext ctx)
    {
        var n = Interlocked.Increment(ref _sessions);
        var token = Jwt($"session-{n}", "ann");
        lock (_lock)
        {
            _validToken = token;
        }

        await TestHttpServer.WriteJsonAsync(ctx, new JsonObject { ["token"] = token, ["data"] = new JsonObject() }.ToJsonString());
    }

    // Creates, or replaces the layout with the given id, or the one with that type and name.
    private JsonObject SaveLayout(JsonObject request)
    {
        var type = request["type"]!.GetValue<string>();
        var name = request["name"]!.GetValue<string>();
        var id = request["id"]?.GetValue<string>();
        var existing = _layouts.FirstOrDefault(l => id is not null ? l["id"]!.GetValue<string>() == id : l["type"]!.GetValue<string>() == type && l["name"]!.GetValue<string>() == name);
        var stored = new JsonObject
        {
            ["definition"] = request["definition"]!.GetValue<string>(),
            ["id"] = existing?["id"]?.GetValue<string>() ?? $"layout-{++_nextId}",
            ["type"] = type,
            ["name"] = name,
            ["owner"] = "ann",
        };
        if (existing is not null)
        {
            _layouts[_layouts.IndexOf(existing)] = stored;
        }
        else
        {
            _layouts.Add(stored);
        }

        return (JsonObject)stored.DeepClone();
    }

    private async Task DefaultAsync(HttpContext ctx)
    {
        JsonNode? layout;
        lock (_lock)
        {
            layout = _layouts.FirstOrDefault(l => l["id"]!.GetValue<string>() == _default)?.DeepClone();
        }

        if (layout is null)
        {
            ctx.Response.StatusCode = 204;
            return;
        }

        await TestHttpServer.WriteJsonAsync(ctx, layout.ToJsonString());
    }

    private async Task CrashAsync(HttpContext ctx)
    {
        ctx.Request.Body.Position = 0;
        var form = await ctx.Request.ReadFormAsync();
        var file = form.Files.GetFile("upload_file_minidump");
        string text;
        using (var reader = new StreamReader(file!.OpenReadStream()))
        {
            text = await reader.ReadToEndAsync();
        }

        Crashes.Enqueue((form.ToDictionary(f => f.Key, f => f.Value.ToString()), file.FileName, text));
        await TestHttpServer.WriteJsonAsync(ctx, $$"""{"id": "crash-{{Crashes.Count}}"}""", 201);
    }

    // A scripted answer, else the batch is stored once per id and its events counted as accepted.
    private async Task EventsAsync(HttpContext ctx, string body)
    {
        if (EventAnswers.TryDequeue(out var scripted))
        {
            if (scripted is not { } answer)
            {
                await Server.HangAsync(ctx);
                return;
            }

            if (answer.RetryAfterSeconds is { } seconds)
            {
                ctx.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await Problem(ctx, answer.Status, "Scripted", $"the test answers {answer.Status}");
            return;
        }

        var batch = JsonNode.Parse(body)!.AsObject();
        var id = batch["batch"]!.GetValue<string>();
        var events = batch["events"]!.AsArray().Count;
        lock (_lock)
        {
            if (!EventBatches.Any(b => b["batch"]!.GetValue<string>() == id))
            {
                EventBatches.Enqueue(batch);
            }
        }

        await TestHttpServer.WriteJsonAsync(ctx, $$"""{"accepted":{{events}}}""");
    }

    private async Task Json(HttpContext ctx, Func<JsonNode> answer)
    {
        string text;
        lock (_lock)
        {
            text = answer().ToJsonString();
        }

        await TestHttpServer.WriteJsonAsync(ctx, text);
    }

    private static Task Problem(HttpContext ctx, int status, string title, string detail)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/problem+json";
        return ctx.Response.WriteAsync(new JsonObject { ["title"] = title, ["detail"] = detail, ["status"] = status }.ToJsonString());
    }
}
