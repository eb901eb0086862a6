using System.Text.RegularExpressions;
using IoActors.Dashboard.Tests.Support;

namespace IoActors.Dashboard.Tests;

/// <summary>The live event log (Pause holds events back) and a dropped connection that resumes with Last-Event-ID.</summary>
public sealed class LiveTests(DashboardHost fixture) : DashboardTest(fixture)
{
    [SkippableFact]
    public Task The_event_log_shows_live_events_and_pause_holds_them() => WithPageAsync(async page =>
    {
        var first = UniqueName("live");
        var second = UniqueName("held");
        try
        {
            await SignInAsync(page);
            await OpenViewAsync(page, "events");
            var log = page.Locator("#events-log");
            await Expect(log.Locator("li[data-type='BootCompleted']")).ToHaveCountAsync(1);

            await Fixture.ImportAsync(DashboardHost.EchoApp(first));
            await Expect(log.Locator("li[data-type='AppAdded']", new() { HasText = first })).ToHaveCountAsync(1);

            await page.GetByLabel("Filter by type").FillAsync("App*");
            await Expect(log.Locator("li[data-type='BootCompleted']")).ToBeHiddenAsync();
            await Expect(log.Locator("li[data-type='AppAdded']", new() { HasText = first })).ToBeVisibleAsync();
            await page.GetByLabel("Filter by type").FillAsync("");

            var pause = page.GetByRole(AriaRole.Button, new() { Name = "Pause" });
            await pause.ClickAsync();
            await Expect(page.Locator("#events-pause")).ToHaveAttributeAsync("aria-pressed", "true");
            var shown = await log.Locator("li").CountAsync();
            await Fixture.ImportAsync(DashboardHost.EchoApp(second));
            await Expect(page.Locator("#events-pending")).ToHaveTextAsync(new Regex(@"Paused: [1-9]\d* new events? arrived since"));
            Assert.Equal(shown, await log.Locator("li").CountAsync());
            await Expect(log.Locator("li", new() { HasText = second })).ToHaveCountAsync(0);

            await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
            await Expect(log.Locator("li[data-type='AppAdded']", new() { HasText = second })).ToHaveCountAsync(1);
            await Expect(page.Locator("#events-pending")).ToBeHiddenAsync();
        }
        finally
        {
            await Fixture.RemoveAppAsync(first);
            await Fixture.RemoveAppAsync(second);
        }
    });

    [SkippableFact]
    public async Task A_dropped_connection_resumes_after_the_last_event_seen()
    {
        await using var proxy = new TcpProxy(Fixture.Url);
        var name = UniqueName("while-away");
        await WithPageAsync(async page =>
        {
            try
            {
                await SignInAsync(page, proxy.Url);
                await Expect(page.Locator("#apps-table tr[data-app='echo-exe']")).ToHaveCountAsync(1);
                var connection = page.Locator("#connection");

                proxy.Cut();
                await Expect(connection).ToHaveAttributeAsync("data-state", new Regex("^(reconnecting|offline)$"));
                await Expect(connection).ToContainTextAsync(new Regex("Connection lost|Offline"));

                // The change happens while the page cannot hear about it.
                await Fixture.ImportAsync(DashboardHost.EchoApp(name));

                proxy.Allow();
                await Expect(connection).ToHaveAttributeAsync("data-state", "live");
                await Expect(connection).ToHaveAttributeAsync("data-resumed", new Regex(@"^\d+$"));
                var resumed = await connection.GetAttributeAsync("data-resumed");
                await Expect(connection).ToHaveTextAsync($"Reconnected — resumed after event #{resumed}");
                await Expect(page.Locator($"#apps-table tr[data-app='{name}']")).ToHaveCountAsync(1);

                // The reconnect asked for what came after the last event the page had.
                Assert.Contains(proxy.Requests, r => r.StartsWith("GET /api/events ", StringComparison.Ordinal)
                    && Regex.IsMatch(r, $@"\r\nlast-event-id: {resumed}\r\n", RegexOptions.IgnoreCase));
                await OpenViewAsync(page, "events");
                await Expect(page.Locator("#events-log li[data-type='AppAdded']", new() { HasText = name })).ToHaveCountAsync(1);
            }
            finally
            {
                await Fixture.RemoveAppAsync(name);
            }
        });
    }
}
