using System.Net.Http.Json;
using System.Text.Json;
using IoActors.Dashboard.Tests.Support;

namespace IoActors.Dashboard.Tests;

/// <summary>The boot timeline and the store health view, checked against what the API answers.</summary>
public sealed class BootAndStoresTests(DashboardHost fixture) : DashboardTest(fixture)
{
    [SkippableFact]
    public Task The_boot_timeline_has_a_bar_per_stage_and_per_auto_start_app() => WithPageAsync(async page =>
    {
        var report = await Fixture.Host.Client.GetFromJsonAsync<JsonElement>("/api/boot");
        var stages = report.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()!).ToList();
        var apps = report.GetProperty("apps").EnumerateArray().ToList();
        Assert.NotEmpty(stages);
        Assert.NotEmpty(apps);

        await SignInAsync(page);
        await OpenViewAsync(page, "boot");
        var svg = page.Locator("#boot-timeline");
        await Expect(svg.Locator("rect.bar")).ToHaveCountAsync(stages.Count + apps.Count);
        await Expect(svg.Locator("rect.bar.stage")).ToHaveCountAsync(stages.Count);
        await Expect(svg.Locator("rect.bar.app")).ToHaveCountAsync(apps.Count);
        foreach (var stage in stages)
        {
            await Expect(svg.Locator($"rect.bar.stage[data-stage='{stage}']")).ToHaveCountAsync(1);
        }

        foreach (var app in apps)
        {
            var name = app.GetProperty("name").GetString();
            await Expect(svg.Locator($"rect.bar.app[data-app='{name}']")).ToHaveCountAsync(1);
            foreach (var (field, mark) in new[] { ("requestedAt", "requested"), ("startedAt", "started"), ("readyAt", "ready"), ("timedOutAt", "timedOut"), ("failedAt", "failed") })
            {
                await Expect(svg.Locator($"[data-app='{name}'][data-mark='{mark}']")).ToHaveCountAsync(app.TryGetProperty(field, out _) ? 1 : 0);
            }

            await Expect(page.Locator($"#boot-table tr[data-app='{name}'] td[data-col='outcome']")).ToHaveTextAsync(app.GetProperty("outcome").GetString()!);
        }

        await Expect(svg.Locator(".axis .tick-label").First).ToHaveTextAsync("0");
        await Expect(page.Locator("#boot-table tbody tr")).ToHaveCountAsync(stages.Count + apps.Count);
        await Expect(page.Locator("#boot-summary")).ToContainTextAsync("completed");
    });

    [SkippableFact]
    public Task Store_health_lists_every_store() => WithPageAsync(async page =>
    {
        var stores = (await Fixture.Host.Client.GetFromJsonAsync<JsonElement>("/api/stores")).EnumerateArray().ToList();
        Assert.NotEmpty(stores);

        await SignInAsync(page);
        await OpenViewAsync(page, "stores");
        await Expect(page.Locator("#stores-table tbody tr[data-store]")).ToHaveCountAsync(stores.Count);
        foreach (var store in stores)
        {
            var row = page.Locator($"#stores-table tr[data-store='{store.GetProperty("storeId").GetString()}']");
            await Expect(row.Locator("td[data-col='state']")).ToHaveTextAsync(store.GetProperty("state").GetString()!);
            await Expect(row.Locator("td[data-col='apps']")).ToHaveTextAsync(store.GetProperty("appCount").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(row.Locator("td[data-col='cache']")).ToHaveTextAsync(store.GetProperty("fromCache").GetBoolean() ? "yes" : "no");
        }

        await Expect(page.Locator("#stores-table tr[data-store='store-0'] td[data-col='polled'] time")).ToHaveCountAsync(1);
    });
}
