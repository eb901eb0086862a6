using System.Text.RegularExpressions;
using IoActors.Dashboard.Tests.Support;

namespace IoActors.Dashboard.Tests;

/// <summary>Signing in (token, one-time link, keyboard only), and what the session does not allow.</summary>
public sealed class SignInTests(DashboardHost fixture) : DashboardTest(fixture)
{
    [SkippableFact]
    public Task Wrong_token_is_refused_with_the_hosts_message() => WithPageAsync(async page =>
    {
        await page.GotoAsync(Fixture.Url.ToString());
        await page.GetByLabel("API token").FillAsync("not-the-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not this host's API token");
        await Expect(page.Locator("#login-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#app-shell")).ToBeHiddenAsync();
        Assert.Empty(await page.Context.CookiesAsync());
    });

    [SkippableFact]
    public Task Token_sign_in_shows_the_sample_apps() => WithPageAsync(async page =>
    {
        await SignInAsync(page);

        await Expect(page.Locator("#view-apps")).ToBeVisibleAsync();
        foreach (var app in new[] { "client-list", "core-heartbeat", "echo-exe", "ready-service" })
        {
            await Expect(page.Locator($"#apps-table tr[data-app='{app}']")).ToHaveCountAsync(1);
        }

        var cookie = Assert.Single(await page.Context.CookiesAsync());
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(Fixture.Token, cookie.Value, StringComparison.Ordinal);
    });

    [SkippableFact]
    public Task A_reload_keeps_the_session_and_sign_out_ends_it() => WithPageAsync(async page =>
    {
        await SignInAsync(page);
        await OpenViewAsync(page, "boot");
        await page.ReloadAsync();

        // Back on the same view, signed in through the cookie (GET /dashboard/session gave the CSRF token again) ...
        await ExpectLiveAsync(page);
        await Expect(page.Locator("#view-boot")).ToBeVisibleAsync();
        // ... which the sign-out (a POST) needs.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.Locator("#login-form")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("You have signed out.");
        Assert.Empty(await page.Context.CookiesAsync());

        await page.ReloadAsync();
        await Expect(page.Locator("#login-form")).ToBeVisibleAsync();
    });

    [SkippableFact]
    public Task One_time_link_signs_in_once() => WithPageAsync(async page =>
    {
        var (code, output, error) = await HostProcess.RunCommandAsync("dashboard", "--url", Fixture.Url.ToString().TrimEnd('/'), "--token", Fixture.Token);
        Assert.True(code == 0, $"ioactors dashboard exited {code}: {output} {error}");
        var link = Regex.Match(output, @"^Dashboard: (\S+)$", RegexOptions.Multiline);
        Assert.True(link.Success, "no 'Dashboard: URL' line in: " + output);
        Assert.Contains("/#code=", link.Groups[1].Value, StringComparison.Ordinal);

        await page.GotoAsync(link.Groups[1].Value);
        await ExpectLiveAsync(page);
        await Expect(page.Locator("#apps-table tr[data-app='echo-exe']")).ToHaveCountAsync(1);
        // The code left the address bar (and the history) as soon as the page read it.
        Assert.DoesNotContain("code=", page.Url, StringComparison.Ordinal);

        await using var second = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var again = await second.NewPageAsync();
        await again.GotoAsync(link.Groups[1].Value);
        await Expect(again.GetByRole(AriaRole.Alert)).ToContainTextAsync("was used already");
        await Expect(again.Locator("#login-form")).ToBeVisibleAsync();
        Assert.Empty(await second.CookiesAsync());
        await ScreenshotAsync(again, nameof(One_time_link_signs_in_once) + ".second-use");
    });

    [SkippableFact]
    public Task Keyboard_alone_signs_in_and_moves_around() => WithPageAsync(async page =>
    {
        await page.GotoAsync(Fixture.Url.ToString());
        await Expect(page.Locator("#login-form")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#token")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(Fixture.Token);
        await page.Keyboard.PressAsync("Enter");
        await ExpectLiveAsync(page);

        // Shift+Tab from the content reaches the navigation; Enter follows a link.
        await TabToAsync(page, "#nav a[data-view='instances']", "Shift+Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#view-instances")).ToBeVisibleAsync();
        await Expect(page.Locator("#nav a[data-view='instances']")).ToHaveAttributeAsync("aria-current", "page");

        // Space on "Start an app" opens the dialog (focus in it); Escape closes it and gives the focus back.
        await TabToAsync(page, "#start-open", "Tab");
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("#start-dialog")).ToBeVisibleAsync();
        await Expect(page.Locator("#start-app")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#start-dialog")).ToBeHiddenAsync();
        await Expect(page.Locator("#start-open")).ToBeFocusedAsync();
    });

    /// <summary>Presses <paramref name="key"/> until <paramref name="selector"/> has the focus (at most 30 times).</summary>
    private static async Task TabToAsync(IPage page, string selector, string key)
    {
        for (var i = 0; i < 30; i++)
        {
            await page.Keyboard.PressAsync(key);
            if (await page.Locator(selector).EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"{key} never reached {selector}");
    }

    [SkippableFact]
    public Task A_change_with_the_cookie_but_without_the_csrf_token_is_refused() => WithPageAsync(async page =>
    {
        await SignInAsync(page);
        var name = UniqueName("csrf-probe");
        var body = DashboardHost.EchoApp(name);

        // From the page itself (same origin, the cookie goes along) but without X-CSRF-Token.
        var status = await page.EvaluateAsync<int>(
            "body => fetch('/api/apps/import?merge=true', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }).then(r => r.status)", body);
        Assert.Equal(403, status);

        // Through Playwright's request context, which shares the cookies and sends no Origin.
        var response = await page.APIRequest.PostAsync(new Uri(Fixture.Url, "/api/apps/import?merge=true").ToString(), new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            DataString = body,
        });
        Assert.Equal(403, response.Status);
        Assert.Contains("X-CSRF-Token", await response.TextAsync(), StringComparison.Ordinal);

        using var check = await Fixture.Host.Client.GetAsync($"/api/apps/{name}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, check.StatusCode);
    });

    [SkippableFact]
    public Task The_token_never_reaches_the_log_or_stdout() => WithPageAsync(async page =>
    {
        await SignInAsync(page);
        var (code, output, _) = await HostProcess.RunCommandAsync("dashboard", "--url", Fixture.Url.ToString().TrimEnd('/'), "--token", Fixture.Token);
        Assert.Equal(0, code);
        await using var other = await Fixture.Browser.NewContextAsync();
        var linked = await other.NewPageAsync();
        await linked.GotoAsync(Regex.Match(output, @"^Dashboard: (\S+)$", RegexOptions.Multiline).Groups[1].Value);
        await ExpectLiveAsync(linked);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.Locator("#login-form")).ToBeVisibleAsync();

        var log = Fixture.LogFiles();
        Assert.Contains("/dashboard/login", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixture.Token, log, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixture.Token, Fixture.Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixture.Token, Fixture.Host.Errors, StringComparison.Ordinal);
    });
}
