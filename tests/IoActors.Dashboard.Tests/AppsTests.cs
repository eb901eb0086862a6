using System.Text.Json;
using IoActors.Dashboard.Tests.Support;

namespace IoActors.Dashboard.Tests;

/// <summary>The apps view: live registry changes, filters, an app's definition and validation problems.</summary>
public sealed class AppsTests(DashboardHost fixture) : DashboardTest(fixture)
{
    [SkippableFact]
    public Task An_app_imported_through_the_API_appears_without_a_reload() => WithPageAsync(async page =>
    {
        await SignInAsync(page);
        await Expect(page.Locator("#apps-table tr[data-app='echo-exe']")).ToHaveCountAsync(1);
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;
        try
        {
            await Fixture.ImportAsync(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "samples", "import", "notes-app.json")));

            await Expect(page.Locator("#apps-table tr[data-app='notes']")).ToHaveCountAsync(1);
            await Expect(page.Locator("#apps-table tr[data-app='echo-imported']")).ToHaveCountAsync(1);
            await Expect(page.Locator("#apps-table tr[data-app='notes'] td[data-col='store']")).ToHaveTextAsync("inmemory");
            Assert.Equal(0, navigations);
        }
        finally
        {
            await Fixture.RemoveAppAsync("notes");
            await Fixture.RemoveAppAsync("echo-imported");
        }

        await Expect(page.Locator("#apps-table tr[data-app='notes']")).ToHaveCountAsync(0);
    });

    [SkippableFact]
    public Task Search_and_filters_narrow_the_list_and_a_selected_app_shows_its_definition_and_problems() => WithPageAsync(async page =>
    {
        await SignInAsync(page);
        var view = page.Locator("#view-apps");
        var rows = page.Locator("#apps-table tbody tr[data-app]");
        await Expect(rows).ToHaveCountAsync(4);

        await view.GetByLabel("System or user").SelectOptionAsync("system");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-app", "core-heartbeat");
        await view.GetByLabel("System or user").SelectOptionAsync("");

        await view.GetByLabel("Type").SelectOptionAsync("node");
        await Expect(rows).ToHaveCountAsync(2);
        await view.GetByLabel("Store").SelectOptionAsync("regular");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-app", "ready-service");
        await view.GetByLabel("Type").SelectOptionAsync("");
        await view.GetByLabel("Store").SelectOptionAsync("");

        await view.GetByLabel("Search").FillAsync("echo");
        await Expect(rows).ToHaveCountAsync(1);
        await rows.First.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator("#app-details-heading")).ToHaveTextAsync("echo-exe");
        await Expect(page.Locator("#app-definition")).ToContainTextAsync("\"command\": \"node\"");
        await Expect(page.Locator("#app-problems-note")).ToHaveTextAsync("No validation problems.");
    });

    [SkippableFact]
    public Task Validation_problems_of_an_app_are_listed() => WithPageAsync(async page =>
    {
        // A warning only (`details.width` does nothing for a node app), so the definition is accepted.
        var name = UniqueName("warned");
        await Fixture.ImportAsync(JsonSerializer.Serialize(new { name, type = "node", details = new { path = "x.js", width = 300 } }));
        try
        {
            await SignInAsync(page);
            await page.Locator("#view-apps").GetByLabel("Search").FillAsync(name);
            await page.Locator($"#apps-table tr[data-app='{name}'] button").ClickAsync();
            await Expect(page.Locator("#app-problems li[data-severity='warning']")).ToHaveCountAsync(1);
            await Expect(page.Locator("#app-problems li")).ToContainTextAsync("details.width");
        }
        finally
        {
            await Fixture.RemoveAppAsync(name);
        }
    });

    [SkippableFact]
    public Task Markup_in_an_apps_title_and_definition_is_shown_as_text() => WithPageAsync(async page =>
    {
        var name = UniqueName("markup");
        const string title = "<img src=x onerror=\"window.__injected = 1\"><b>bold</b>";
        await Fixture.ImportAsync(JsonSerializer.Serialize(new { name, title, type = "exe", details = new { path = "samples/scripts", command = "node", note = "</pre><script>window.__injected = 2</script>" } }));
        try
        {
            await SignInAsync(page);
            var row = page.Locator($"#apps-table tr[data-app='{name}']");
            await Expect(row.Locator("td[data-col='title']")).ToHaveTextAsync(title);
            await row.GetByRole(AriaRole.Button).ClickAsync();
            await Expect(page.Locator("#app-definition")).ToContainTextAsync("</pre><script>");
            await Expect(page.Locator("#view-apps img, #view-apps b, #view-apps script")).ToHaveCountAsync(0);
            Assert.True(await page.EvaluateAsync<bool>("() => window.__injected === undefined"));
        }
        finally
        {
            await Fixture.RemoveAppAsync(name);
        }
    });
}
