using System.Text;
using FluentAssertions;
using IoActors.Apps.Stores;
using IoActors.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IoActors.Apps.Tests.Stores;

/// <summary>The io.Manager session on its own against a Kestrel server: shared openings, refresh, 401 and goodbye.</summary>
public sealed class ManagerSessionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private TestHttpServer _server = null!;
    private int _hellos;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _holdHello;
    private volatile int _refreshStatus = 200;

    public async Task InitializeAsync()
    {
        _server = await TestHttpServer.StartAsync();
        _server.Handler = HandleAsync;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Jwt(string session) =>
        "eyJhbGciOiJIUzI1NiJ9." + Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"session":"{{session}}","user":"ann"}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".c2ln";

    private async Task HandleAsync(HttpContext ctx)
    {
        switch (ctx.Request.Path.Value)
        {
            case "/api/user/hello":
                var n = Interlocked.Increment(ref _hellos);
                if (_holdHello)
                {
                    await _release.Task;
                }

                await TestHttpServer.WriteJsonAsync(ctx, $$"""{"token": "{{Jwt($"s-{n}")}}"}""");
                return;
            case "/api/user/refresh":
                if (_refreshStatus != 200)
                {
                    ctx.Response.StatusCode = _refreshStatus;
                    return;
                }

                await TestHttpServer.WriteJsonAsync(ctx, $$"""{"token": "{{Jwt("refreshed")}}"}""");
                return;
            case "/api/user/goodbye":
                ctx.Response.StatusCode = 204;
                return;
            default:
                ctx.Response.StatusCode = 404;
                return;
        }
    }

    private ManagerSession Session() => new(
        new ServerStoreSettings { Url = _server.Url("api"), BearerToken = "auth0-token", TokenRefreshInterval = TimeSpan.FromMinutes(10) },
        new ManagerClientInfo("EU", "DEMO"),
        _clock);

    [Fact]
    public async Task EnsureOpen_SeveralCallersWhileAHelloIsOnItsWay_ShareThatOneHello()
    {
        using var session = Session();
        _holdHello = true;

        var first = session.EnsureOpenAsync();
        await _server.NextRequestAsync();
        var second = session.EnsureOpenAsync();
        _release.SetResult();

        (await first).Should().BeNull();
        (await second).Should().BeNull();
        _hellos.Should().Be(1);
        session.SessionId.Should().Be("s-1");
        session.User.Should().Be("ann");
        _server.Requests.Single().Header("Authorization").Should().Be("Bearer auth0-token");
    }

    [Fact]
    public async Task Refresh_AnsweredUnauthorized_OpensANewSession_AndGoodbyeClosesItForGood()
    {
        using var session = Session();
        (await session.EnsureOpenAsync()).Should().BeNull();

        (await session.RefreshAsync()).Should().BeNull();
        session.SessionId.Should().Be("refreshed");

        _refreshStatus = 401;
        (await session.RefreshAsync()).Should().BeNull();
        session.SessionId.Should().Be("s-2");

        (await session.GoodbyeAsync()).Should().BeNull();
        _server.Requests.Last().Body.Should().Be("""{"session":"s-2"}""");
        (await session.EnsureOpenAsync()).Should().Contain("closed");
        _hellos.Should().Be(2);
    }

    [Fact]
    public async Task Refresh_OtherFailure_KeepsTheTokenAndSaysWhy()
    {
        using var session = Session();
        await session.EnsureOpenAsync();
        _refreshStatus = 500;

        (await session.RefreshAsync()).Should().Contain("/api/user/refresh answered 500");

        session.SessionId.Should().Be("s-1");
        session.IsOpen.Should().BeTrue();
    }
}
