using System.Runtime.CompilerServices;

namespace IoActors.Dashboard.Tests.Support;

/// <summary>
/// A dashboard test: a fresh browser context (1280×800 unless asked otherwise) per test, a screenshot of its page at the
/// end whatever happened (TestResults/dashboard/&lt;test name&gt;.png), no uncaught script error, and the sign-in steps
/// the tests share.
/// </summary>
[Collection(DashboardCollection.Name)]
public abstract class DashboardTest(DashboardHost fixture)
{
    /// <summary>The host and browser.</summary>
    protected DashboardHost Fixture { get; } = fixture;

    /// <summary>Runs <paramref name="body"/> with a new page in a new context; the screenshot is named after the test.</summary>
    protected async Task WithPageAsync(Func<IPage, Task> body, int width = 1280, int height = 800, [CallerMemberName] string test = "")
    {
        if (Fixture.SkipReason is { } reason)
        {
            throw new SkipTestException(reason);
        }

        await using var context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout((float)DashboardHost.Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };
        try
        {
            await body(page);
            lock (errors)
            {
                Assert.True(errors.Count == 0, "the page threw: " + string.Join("\n", errors));
            }
        }
        finally
        {
            await ScreenshotAsync(page, test);
        }
    }

    /// <summary>Saves a screenshot of the page as TestResults/dashboard/<paramref name="name"/>.png.</summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardHost.Screenshots, name + ".png") });
        }
        catch (PlaywrightException)
        {
            // A page that is gone has nothing to show; the test's own failure says what happened.
        }
    }

    /// <summary>Opens the dashboard at <paramref name="url"/> (the host's by default) and signs in with the token.</summary>
    protected async Task SignInAsync(IPage page, Uri? url = null)
    {
        await page.GotoAsync((url ?? Fixture.Url).ToString());
        await page.Locator("#token").FillAsync(Fixture.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ExpectLiveAsync(page);
    }

    /// <summary>Waits until the dashboard is shown and its event stream is live.</summary>
    protected static async Task ExpectLiveAsync(IPage page)
    {
        await Expect(page.Locator("#app-shell")).ToBeVisibleAsync();
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
    }

    /// <summary>Shows a view through its link in the navigation.</summary>
    protected static async Task OpenViewAsync(IPage page, string view)
    {
        await page.Locator($"#nav a[data-view={view}]").ClickAsync();
        await Expect(page.Locator($"#view-{view}")).ToBeVisibleAsync();
    }

    /// <summary>A unique app name for a test's own app.</summary>
    protected static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
