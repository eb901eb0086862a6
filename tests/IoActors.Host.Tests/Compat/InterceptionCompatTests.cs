using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Compat;

/// <summary>
/// io.interception with the real @interopio/desktop client, both apps started by the real platform: one app intercepts
/// io.intents.raise, and another app's raise goes through it before (its context changed) and after (its result
/// replaced); an operation that cannot be intercepted is refused, naming what can.
/// </summary>
public sealed class InterceptionCompatTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Interception_OfIntentsRaise_ChangesTheArgumentsBeforeAndTheResultAfter()
    {
        using var reports = new CompatReports();
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["interceptor"] = CompatHost.NodeApp("interceptor", "interception.js", "interceptor " + reports.Argument("interceptor")),
            ["raiser"] = CompatHost.NodeApp("raiser", "interception.js", "raiser Echo " + reports.Argument("raiser")),
        });
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        await host.StartInstanceAsync("interceptor");
        var registered = await reports["interceptor"].NextAsync("registered");
        registered["badError"]!.ToString().Should().Contain("windows.open cannot be intercepted; what can: intents.raise, intents.filterHandlers");

        await host.StartInstanceAsync("raiser");

        var raised = await reports["raiser"].NextAsync("raised");
        raised["result"]!["wrapped"]!["got"]!.ToJsonString().Should().Be("""{"n":1,"intercepted":true}""", "before: the interceptor changed the context; after: it wrapped the result");
        (await reports["interceptor"].NextAsync("intercepted"))["phase"]!.ToString().Should().Be("before");
        (await reports["interceptor"].NextAsync("intercepted"))["phase"]!.ToString().Should().Be("after");
        raised["elapsedMs"]!.GetValue<long>().Should().BeLessThan(10_000);
    }
}
