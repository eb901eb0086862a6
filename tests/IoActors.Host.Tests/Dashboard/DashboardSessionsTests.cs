using FluentAssertions;
using IoActors.Host.Dashboard;
using Microsoft.Extensions.Time.Testing;

namespace IoActors.Host.Tests.Dashboard;

public sealed class DashboardSessionsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    private DashboardSessions Create(int maxSessions = 4) => new("the-token", TimeSpan.FromHours(1), maxSessions, TimeSpan.FromMinutes(2), _time);

    [Fact]
    public void The_token_opens_a_session_with_its_own_csrf_token_and_a_wrong_one_does_not()
    {
        var sessions = Create();
        var ok = sessions.SignIn("the-token", null);
        ok.Refusal.Should().Be(SignInRefusal.None);
        ok.Session!.Csrf.Should().NotBe(ok.Session.Id);
        ok.Session.ExpiresAt.Should().Be(_time.GetUtcNow() + TimeSpan.FromHours(1));
        sessions.Find(ok.Session.Id).Should().NotBeNull();

        var wrong = sessions.SignIn("the-tokeN", null);
        wrong.Session.Should().BeNull();
        wrong.Refusal.Should().Be(SignInRefusal.WrongToken);
        sessions.Count.Should().Be(1);
    }

    [Fact]
    public void A_session_ends_after_its_idle_timeout_and_each_use_starts_it_again()
    {
        var sessions = Create();
        var id = sessions.SignIn("the-token", null).Session!.Id;
        _time.Advance(TimeSpan.FromMinutes(59));
        sessions.Find(id).Should().NotBeNull();
        _time.Advance(TimeSpan.FromMinutes(59));
        sessions.Find(id).Should().NotBeNull("the use a minute before the timeout started it again");
        _time.Advance(TimeSpan.FromHours(1));
        sessions.Find(id).Should().BeNull();
        sessions.Count.Should().Be(0);
    }

    [Fact]
    public void Past_the_cap_the_least_recently_used_session_ends()
    {
        var sessions = Create(maxSessions: 2);
        var first = sessions.SignIn("the-token", null).Session!.Id;
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = sessions.SignIn("the-token", null).Session!.Id;
        _time.Advance(TimeSpan.FromSeconds(1));
        sessions.Find(first);
        _time.Advance(TimeSpan.FromSeconds(1));
        var third = sessions.SignIn("the-token", null).Session!.Id;

        sessions.Count.Should().Be(2);
        sessions.Find(second).Should().BeNull();
        sessions.Find(first).Should().NotBeNull();
        sessions.Find(third).Should().NotBeNull();
    }

    [Fact]
    public void A_link_code_signs_in_once_and_not_after_it_expired()
    {
        var sessions = Create();
        var (code, expiresAt) = sessions.CreateLink();
        expiresAt.Should().Be(_time.GetUtcNow() + TimeSpan.FromMinutes(2));
        sessions.SignIn(null, code).Session.Should().NotBeNull();
        sessions.SignIn(null, code).Refusal.Should().Be(SignInRefusal.WrongCode);

        var (late, _) = sessions.CreateLink();
        _time.Advance(TimeSpan.FromMinutes(2));
        sessions.SignIn(null, late).Refusal.Should().Be(SignInRefusal.WrongCode);
    }

    [Fact]
    public void Open_links_are_capped_and_the_oldest_ends_first()
    {
        var sessions = Create();
        var codes = new List<string>();
        for (var i = 0; i <= DashboardSessions.MaxLinks; i++)
        {
            codes.Add(sessions.CreateLink().Code);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        sessions.SignIn(null, codes[0]).Refusal.Should().Be(SignInRefusal.WrongCode);
        sessions.SignIn(null, codes[^1]).Refusal.Should().Be(SignInRefusal.None);
    }

    [Fact]
    public void Wrong_tokens_are_capped_a_minute_but_links_still_sign_in()
    {
        var sessions = Create();
        for (var i = 0; i < DashboardSessions.MaxFailures; i++)
        {
            sessions.SignIn("guess-" + i, null).Refusal.Should().Be(SignInRefusal.WrongToken);
        }

        sessions.SignIn("the-token", null).Refusal.Should().Be(SignInRefusal.TooManyFailures, "even the right token waits out the minute");
        sessions.SignIn(null, sessions.CreateLink().Code).Refusal.Should().Be(SignInRefusal.None);

        _time.Advance(TimeSpan.FromMinutes(1));
        sessions.SignIn("the-token", null).Refusal.Should().Be(SignInRefusal.None);
    }

    [Fact]
    public void The_csrf_check_takes_only_the_sessions_own_token()
    {
        var session = Create().SignIn("the-token", null).Session!;
        DashboardSessions.IsCsrf(session, session.Csrf).Should().BeTrue();
        DashboardSessions.IsCsrf(session, null).Should().BeFalse();
        DashboardSessions.IsCsrf(session, session.Csrf + "x").Should().BeFalse();
        DashboardSessions.IsCsrf(session, session.Id).Should().BeFalse();
    }
}
