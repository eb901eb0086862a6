using IoActors.Manager.Configuration;
using IoActors.Testing;

namespace IoActors.Manager.Tests.Support;

/// <summary>
/// A real IoActors Manager (Kestrel on 127.0.0.1, a free port) on a temporary data folder that is deleted on dispose,
/// with an <see cref="HttpClient"/> that sends no credentials of its own. Basic mode with the admin
/// <see cref="Admin"/> unless the options are changed. <see cref="RestartAsync"/> stops the server and starts a new one
/// on the same data folder.
/// </summary>
public sealed class ManagerHost : IAsyncDisposable
{
    public static readonly Creds Admin = Creds.Basic("admin", "admin-password");

    private readonly TempFolder _folder;
    private int _users;
    private bool _running = true;

    private ManagerHost(TempFolder folder, ManagerOptions options, ManagerServer server, ErrorLog log)
    {
        _folder = folder;
        Options = options;
        Server = server;
        Log = log;
        // Expect100ContinueTimeout: the client waits for the server's answer to "Expect: 100-continue" (SendAsync) as long as
        // for the response. With the default 1 s, a server slowed by a loaded machine got the body sent anyway, answered 413
        // from Content-Length and closed, and the client failed with a broken pipe while still writing.
        Http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) }) { Timeout = TimeSpan.FromSeconds(60) };
    }

    public ManagerOptions Options { get; }

    internal ManagerServer Server { get; private set; }

    /// <summary>The base URL, e.g. http://127.0.0.1:41234/api.</summary>
    public Uri Url => Server.Url;

    public HttpClient Http { get; }

    /// <summary>What the server logged at error level (500s among them).</summary>
    public ErrorLog Log { get; }

    public string DataFolder => Options.ResolvePath(Options.DataFolder);

    public string Folder => _folder.Path;

    /// <summary>Starts a server with the test defaults (Basic, the admin <see cref="Admin"/>), changed by <paramref name="configure"/>.</summary>
    public static async Task<ManagerHost> StartAsync(Action<ManagerOptions>? configure = null)
    {
        var folder = new TempFolder();
        try
        {
            var options = new ManagerOptions
            {
                Listen = "127.0.0.1:0",
                ConfigFolder = folder.Path,
                DataFolder = "data",
                Auth = new ManagerAuthOptions { Type = "basic", Admin = new BootstrapAdminOptions { Username = Admin.User, Password = Admin.Password } },
            };
            configure?.Invoke(options);
            var log = new ErrorLog();
            var server = await ManagerServer.StartAsync(options, log.Factory);
            return new ManagerHost(folder, options, server, log);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Stops the server and starts a new one with the same options on the same data folder.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAgainAsync();
    }

    /// <summary>Stops the server (the data folder stays).</summary>
    public async Task StopAsync()
    {
        if (_running)
        {
            _running = false;
            await Server.DisposeAsync();
            await Server.WhenStopped.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Starts a new server with the same options on the same data folder.</summary>
    public async Task StartAgainAsync()
    {
        Options.Listen = "127.0.0.1:0";
        Server = await ManagerServer.StartAsync(Options, Log.Factory);
        _running = true;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopAsync();
        Log.Factory.Dispose();
        _folder.Dispose();
    }

    /// <summary>The absolute URL of a route, e.g. <c>/user/apps</c>.</summary>
    public Uri Route(string path) => new(Url.ToString().TrimEnd('/') + path);

    /// <summary>Sends a request: <paramref name="body"/> as JSON text (a string is sent as is, anything else serialized), or as the content given.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Creds? creds = null, object? body = null, Action<HttpRequestMessage>? change = null)
    {
        using var request = new HttpRequestMessage(method, Route(path));
        creds?.Apply(request);
        request.Content = body switch
        {
            null => null,
            HttpContent content => content,
            string text => new StringContent(text, Encoding.UTF8, "application/json"),
            _ => new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        // Expect: 100-continue, so a refusal the server gives before it reads the body (413 from Content-Length) reaches the
        // client instead of a broken pipe while it is still writing the body.
        request.Headers.ExpectContinue = request.Content is not null;
        change?.Invoke(request);
        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, Creds? creds = null, Action<HttpRequestMessage>? change = null) => SendAsync(HttpMethod.Get, path, creds, null, change);

    public Task<HttpResponseMessage> PostAsync(string path, Creds? creds, object? body) => SendAsync(HttpMethod.Post, path, creds, body);

    public Task<HttpResponseMessage> PutAsync(string path, Creds? creds, object? body) => SendAsync(HttpMethod.Put, path, creds, body);

    public Task<HttpResponseMessage> DeleteAsync(string path, Creds? creds) => SendAsync(HttpMethod.Delete, path, creds);

    /// <summary>GET that must succeed; the JSON answer.</summary>
    public async Task<JsonElement> GetJsonAsync(string path, Creds? creds) => await (await GetAsync(path, creds)).JsonAsync();

    public async Task<JsonElement> PostJsonAsync(string path, Creds? creds, object? body) => await (await PostAsync(path, creds, body)).JsonAsync();

    public async Task<JsonElement> PutJsonAsync(string path, Creds? creds, object? body) => await (await PutAsync(path, creds, body)).JsonAsync();

    /// <summary>Creates a user with a password (as the admin) and returns its Basic credentials; the name is unique in the host unless given.</summary>
    public async Task<Creds> CreateUserAsync(string? name = null, bool admin = false, params string[] groups)
    {
        name ??= $"user{Interlocked.Increment(ref _users)}-{Guid.NewGuid().ToString("N")[..6]}";
        var password = "pw-" + name + "-secret";
        var response = await PostAsync("/admin/users", Admin, new { id = name, password, admin, groups });
        await response.JsonAsync();
        return Creds.Basic(name, password);
    }

    /// <summary>Creates a group (as the admin); the name is unique unless given.</summary>
    public async Task<string> CreateGroupAsync(string? name = null)
    {
        name ??= "group-" + Guid.NewGuid().ToString("N")[..8];
        await (await PutAsync($"/admin/groups/{Uri.EscapeDataString(name)}", Admin, null)).JsonAsync();
        return name;
    }

    /// <summary>Opens a session (POST /user/hello) and returns the session token and id.</summary>
    public async Task<(string Token, string Session)> HelloAsync(Creds creds, object? body = null)
    {
        var answer = await PostJsonAsync("/user/hello", creds, body ?? new { });
        var token = answer.GetProperty("token").GetString()!;
        return (token, SessionOf(token));
    }

    /// <summary>The session id a session token names (its <c>session</c> claim).</summary>
    public static string SessionOf(string token) =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).GetPayloadValue<string>("session");

    /// <summary>Adds apps (as the admin) with the given access query, e.g. <c>everyone=true</c> or <c>groups=g</c>.</summary>
    public async Task<JsonElement> AddAppsAsync(string query, params string[] names)
    {
        var body = "[" + string.Join(",", names.Select(Definitions.Window)) + "]";
        return await PostJsonAsync("/admin/apps" + (query.Length > 0 ? "?" + query : string.Empty), Admin, body);
    }
}
