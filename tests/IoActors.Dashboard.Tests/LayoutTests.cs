using IoActors.Dashboard.Tests.Support;

namespace IoActors.Dashboard.Tests;

/// <summary>The page at phone width, and the notifications and layouts views.</summary>
public sealed class LayoutTests(DashboardHost fixture) : DashboardTest(fixture)
{
    private static readonly string[] Views = ["apps", "instances", "boot", "stores", "events", "notifications", "layouts"];

    [SkippableFact]
    public Task At_390_pixels_wide_every_view_is_reachable_and_the_page_does_not_scroll_sideways() => WithPageAsync(async page =>
    {
        await SignInAsync(page);
        foreach (var view in Views)
        {
            var link = page.Locator($"#nav a[data-view='{view}']");
            await Expect(link).ToBeInViewportAsync();
            await link.ClickAsync();
            await Expect(page.Locator($"#view-{view}")).ToBeVisibleAsync();
            await Expect(page.Locator($"#view-{view} h2")).ToBeInViewportAsync();
            Assert.True(
                await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
                $"the {view} view is wider than the 390 px screen");
        }

        await page.Locator("#nav a[data-view='boot']").ClickAsync();
        await Expect(page.Locator("#boot-timeline")).ToBeVisibleAsync();
        var width = await page.Locator("#boot-timeline").EvaluateAsync<double>("e => e.getBoundingClientRect().right");
        Assert.True(width <= 390, $"the boot timeline reaches {width} px");
    }, width: 390, height: 844);

    [SkippableFact]
    public Task A_notification_an_app_raises_appears_live_and_leaves_when_cleared() => WithPageAsync(async page =>
    {
        var app = UniqueName("notifier");
        var id = UniqueName("n");
        var title = "Build " + UniqueName("done");
        var script = Path.Combine(Repository.Root, "tests", "compat", "raise-notification.js");
        try
        {
            await SignInAsync(page);
            await OpenViewAsync(page, "notifications");
            var row = page.Locator($"#notifications-table tr[data-notification='{id}']");
            await Expect(row).ToHaveCountAsync(0);

            // A real @interopio/desktop client, started by the platform, raises it through the gateway.
            await Fixture.ImportAsync(System.Text.Json.JsonSerializer.Serialize(new
            {
                name = app,
                type = "node",
                details = new { path = script, parameters = $"--id {id} --title \"{title}\"" },
            }));
            await Fixture.StartAsync(app);
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row).ToContainTextAsync(title);
            await Expect(row).ToContainTextAsync("Acknowledge");
            await Expect(row).ToContainTextAsync(app);

            (await Fixture.Host.Client.DeleteAsync($"/api/notifications/{id}")).EnsureSuccessStatusCode();
            await Expect(row).ToHaveCountAsync(0);
        }
        finally
        {
            await Fixture.StopAllAsync(app);
            await Fixture.RemoveAppAsync(app);
        }
    });

    [SkippableFact]
    public Task A_layout_saved_through_the_API_appears_and_notifications_are_listed() => WithPageAsync(async page =>
    {
        var name = UniqueName("layout");
        await SignInAsync(page);
        await OpenViewAsync(page, "notifications");
        await Expect(page.Locator("#notifications-table")).ToBeVisibleAsync();
        await Expect(page.Locator("#notifications-table tbody tr")).Not.ToHaveCountAsync(0);

        await OpenViewAsync(page, "layouts");
        await Expect(page.Locator("#layouts-summary")).ToContainTextAsync("saved layout");
        using (var saved = await Fixture.Host.Client.PostAsync("/api/layouts", new StringContent($$"""{"name": "{{name}}"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        }

        try
        {
            var row = page.Locator($"#layouts-table tr[data-layout='Global/{name}']");
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.Locator("td[data-col='apps']")).ToContainTextAsync("core-heartbeat");
        }
        finally
        {
            (await Fixture.Host.Client.DeleteAsync($"/api/layouts/Global/{name}")).Dispose();
        }

        await Expect(page.Locator($"#layouts-table tr[data-layout='Global/{name}']")).ToHaveCountAsync(0);
    });
}
