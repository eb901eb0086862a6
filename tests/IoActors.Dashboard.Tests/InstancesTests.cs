using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IoActors.Dashboard.Tests.Support;

namespace IoActors.Dashboard.Tests;

/// <summary>The instances view: starting an app (with a context, a refused context, a failed start) and stopping one.</summary>
public sealed class InstancesTests(DashboardHost fixture) : DashboardTest(fixture)
{
    [SkippableFact]
    public Task Starting_echo_exe_with_a_context_shows_its_running_instance() => WithPageAsync(async page =>
    {
        try
        {
            await SignInAsync(page);
            await OpenViewAsync(page, "instances");
            await page.GetByRole(AriaRole.Button, new() { Name = "Start an app…" }).ClickAsync();
            var dialog = page.Locator("#start-dialog");
            await dialog.GetByLabel("App").SelectOptionAsync("echo-exe");

            // Not JSON: refused on the page, nothing is started.
            await dialog.GetByLabel("Context").FillAsync("{\"greeting\": ");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
            await Expect(page.Locator("#start-error")).ToContainTextAsync("not valid JSON");
            await Expect(dialog).ToBeVisibleAsync();

            await dialog.GetByLabel("Context").FillAsync("{\"greeting\": \"from the dashboard\"}");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();

            var row = page.Locator("#instances-table tr[data-app='echo-exe']");
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row).ToHaveAttributeAsync("data-state", "running");
            await Expect(row.Locator("td[data-col='pid']")).ToHaveTextAsync(new Regex(@"^\d+$"));
            await Expect(page.Locator("#instances-status")).ToContainTextAsync("Started echo-exe");

            var id = await row.GetAttributeAsync("data-instance");
            var instance = await Fixture.Host.Client.GetFromJsonAsync<JsonElement>($"/api/instances/{id}");
            Assert.Equal("from the dashboard", instance.GetProperty("context").GetProperty("greeting").GetString());
        }
        finally
        {
            await Fixture.StopAllAsync("echo-exe");
        }
    });

    [SkippableFact]
    public Task A_failed_start_shows_the_hosts_problem() => WithPageAsync(async page =>
    {
        var name = UniqueName("broken");
        await Fixture.ImportAsync(JsonSerializer.Serialize(new { name, type = "exe", details = new { path = "/nonexistent-folder", command = "no-such-program" } }));
        try
        {
            await SignInAsync(page);
            await OpenViewAsync(page, "instances");
            await page.Locator("#start-open").ClickAsync();
            await page.Locator("#start-app").SelectOptionAsync(name);
            await page.Locator("#start-submit").ClickAsync();

            await Expect(page.Locator("#start-error")).ToContainTextAsync($"app '{name}' did not start");
            await Expect(page.Locator("#start-dialog")).ToBeVisibleAsync();
        }
        finally
        {
            await Fixture.RemoveAppAsync(name);
        }
    });

    [SkippableFact]
    public Task Stopping_an_instance_from_the_page_removes_its_row() => WithPageAsync(async page =>
    {
        var name = UniqueName("stop-me");
        await Fixture.ImportAsync(DashboardHost.EchoApp(name));
        try
        {
            var id = await Fixture.StartAsync(name);
            await SignInAsync(page);
            await OpenViewAsync(page, "instances");
            var row = page.Locator($"#instances-table tr[data-instance='{id}']");
            await Expect(row).ToHaveAttributeAsync("data-state", "running");
            // The uptime ticks.
            var uptime = row.Locator("td[data-col='uptime']");
            var first = await uptime.TextContentAsync();
            await Expect(uptime).Not.ToHaveTextAsync(first!);

            await row.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();

            await Expect(row).ToHaveCountAsync(0);
            await Expect(page.Locator("#instances-status")).ToContainTextAsync("Stopped");
            var left = await Fixture.Host.Client.GetFromJsonAsync<JsonElement>($"/api/instances?app={name}");
            Assert.Equal(0, left.GetArrayLength());
        }
        finally
        {
            await Fixture.StopAllAsync(name);
            await Fixture.RemoveAppAsync(name);
        }
    });
}
