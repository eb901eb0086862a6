using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Tests.Support;
using Xunit;

namespace IoActors.Gateway.Tests;

/// <summary><c>io.windows</c> on the wire (T42.Wnd.OnEvent, T42.Wnd.Execute) over a fake platform with in-memory windows.</summary>
public sealed class WindowsTests : IAsyncLifetime
{
    private readonly FakeWindowsPlatform _platform = new();
    private GatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _platform.Open(FakeWindowsPlatform.Window("w1", "app1", "One"));
        _host = await GatewayHost.StartAsync(platform: _platform);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_subscriber_gets_the_configuration_then_a_snapshot_of_the_open_windows()
    {
        await using var client = await WindowsClient.ConnectAsync(_host, "w1");

        var configuration = await client.NextEventAsync();
        var snapshot = await client.NextEventAsync();

        configuration["type"]!.ToString().Should().Be("Configuration");
        configuration["windowAvailableOnURLChanged"]!.GetValue<bool>().Should().BeFalse();
        snapshot["type"]!.ToString().Should().Be("Snapshot");
        var window = snapshot["windows"]!.AsArray().Should().ContainSingle().Subject!.AsObject();
        window["id"]!.ToString().Should().Be("w1");
        window["name"]!.ToString().Should().Be("w1");
        window["applicationName"]!.ToString().Should().Be("app1");
        window["title"]!.ToString().Should().Be("One");
        window["url"]!.ToString().Should().Be("http://127.0.0.1/app1");
        window["isVisible"]!.GetValue<bool>().Should().BeTrue();
        window["isFocused"]!.GetValue<bool>().Should().BeFalse();
        JsonNode.DeepEquals(window["bounds"], new JsonObject { ["left"] = 10, ["top"] = 20, ["width"] = 800, ["height"] = 600 }).Should().BeTrue(window["bounds"]!.ToJsonString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SetTitle_publishes_one_TitleChanged_before_its_CommandExecuted_whenever_the_platform_reports_it(bool reportLate)
    {
        _platform.ReportLate = reportLate;
        await using var client = await WindowsClient.ConnectAsync(_host, "w1");
        await client.SnapshotAsync();

        var reply = await client.ExecuteAsync("setTitle", "w1", new JsonObject { ["title"] = "Renamed" }, token: "t1");
        reply["type"]!.ToString().Should().Be("result", reply.ToJsonString());
        reply["result"]!["title"]!.ToString().Should().Be("Renamed");
        await Task.WhenAll(_platform.LateReports);
        // A second command marks the end: whatever the first one caused was published before it.
        await client.ExecuteAsync("moveResize", "w1", new JsonObject { ["bounds"] = new JsonObject { ["left"] = 5 } }, token: "t2");

        var events = await client.EventsUntilAsync(e => e["type"]!.ToString() == "CommandExecuted" && e["token"]?.ToString() == "t2");
        events.Select(e => e["type"]!.ToString()).Should().Equal("TitleChanged", "CommandExecuted", "BoundsChanged", "CommandExecuted");
        events[0]["windowId"]!.ToString().Should().Be("w1");
        events[0]["data"]!.ToString().Should().Be("Renamed");
        events[1]["token"]!.ToString().Should().Be("t1");
        JsonNode.DeepEquals(events[2]["data"], new JsonObject { ["left"] = 5, ["top"] = 20, ["width"] = 800, ["height"] = 600 }).Should().BeTrue("a bounds field not given keeps its value");
    }

    [Fact]
    public async Task GetBounds_answers_the_window_bounds()
    {
        await using var client = await WindowsClient.ConnectAsync(_host, "w1");
        await client.SnapshotAsync();

        var reply = await client.ExecuteAsync("getBounds", "w1", null, token: "t1");

        JsonNode.DeepEquals(reply["result"]!["bounds"], new JsonObject { ["left"] = 10, ["top"] = 20, ["width"] = 800, ["height"] = 600 }).Should().BeTrue(reply.ToJsonString());
        (await client.NextEventAsync())["token"]!.ToString().Should().Be("t1");
    }

    [Theory]
    [InlineData("{\"command\":\"setTitle\",\"options\":{\"title\":\"x\"}}", "argument 'windowId' must be a non-empty string, not missing")]
    [InlineData("{\"command\":\"setTitle\",\"windowId\":\"nope\",\"options\":{\"title\":\"x\"}}", "no open window with id 'nope'")]
    [InlineData("{\"command\":\"setTitle\",\"windowId\":\"w1\",\"options\":{\"title\":42}}", "argument 'options.title' must be a string, not 42")]
    [InlineData("{\"command\":\"moveResize\",\"windowId\":\"w1\",\"options\":{}}", "argument 'options.bounds' must be an object, not missing")]
    [InlineData("{\"command\":\"moveResize\",\"windowId\":\"w1\",\"options\":{\"bounds\":{\"width\":\"wide\"}}}", "argument 'options.bounds.width' must be a number of pixels, not \"wide\"")]
    [InlineData("{\"command\":\"moveResize\",\"windowId\":\"w1\",\"options\":{\"bounds\":{\"height\":0}}}", "argument 'options.bounds.height' must be positive, not 0")]
    [InlineData("{\"command\":\"updateContext\",\"windowId\":\"w1\",\"context\":[1]}", "argument 'context' must be an object, not [1]")]
    [InlineData("{\"command\":\"updateContext\",\"windowId\":\"w1\"}", "argument 'context' must be an object, not missing")]
    [InlineData("{\"command\":\"updateContext\",\"windowId\":\"w1\",\"context\":{},\"replace\":\"yes\"}", "argument 'replace' must be true or false, not \"yes\"")]
    [InlineData("{\"command\":\"updateContext\",\"windowId\":\"nope\",\"context\":{}}", "no open window with id 'nope'")]
    [InlineData("{\"command\":\"maximize\",\"windowId\":\"w1\"}", "not supported by IoActors: windows.maximize (supported commands: setTitle,")]
    [InlineData("{\"windowId\":\"w1\"}", "not supported by IoActors: windows.(no command)")]
    public async Task A_bad_command_is_refused_naming_the_field_and_value(string arguments, string reason)
    {
        await using var client = await WindowsClient.ConnectAsync(_host, "w1");
        await client.SnapshotAsync();

        var reply = await client.ExecuteRawAsync(JsonNode.Parse(arguments)!.AsObject());

        reply["type"]!.ToString().Should().Be("error");
        reply["reason"]!.ToString().Should().Contain(reason);
        _platform.Commands.Should().BeEmpty("nothing reached the windows");
    }

    [Theory]
    [InlineData("show")]
    [InlineData("hide")]
    [InlineData("focus")]
    public async Task What_a_headless_window_cannot_do_fails_with_the_windows_reason(string command)
    {
        _platform.Headless = true;
        await using var client = await WindowsClient.ConnectAsync(_host, "w1");
        await client.SnapshotAsync();

        var reply = await client.ExecuteAsync(command, "w1", null, token: "t1");

        reply["type"]!.ToString().Should().Be("error");
        reply["reason"]!.ToString().Should().Be($"the browser runs headless: a window cannot {command}");
    }

    [Fact]
    public async Task Hide_show_and_focus_publish_their_changes()
    {
        await using var client = await WindowsClient.ConnectAsync(_host, "w1");
        await client.SnapshotAsync();

        await client.ExecuteAsync("hide", "w1", null, token: "t1");
        await client.ExecuteAsync("show", "w1", null, token: "t2");
        await client.ExecuteAsync("focus", "w1", null, token: "t3");

        var events = await client.EventsUntilAsync(e => e["token"]?.ToString() == "t3");
        events.Select(e => $"{e["type"]} {e["data"]?.ToJsonString() ?? e["token"]!.ToString()}").Should().Equal(
            "VisibilityChanged false", "CommandExecuted t1", "VisibilityChanged true", "CommandExecuted t2", "FocusChanged true", "CommandExecuted t3");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Close_publishes_Closed_before_its_CommandExecuted_and_a_later_subscriber_does_not_see_the_window(bool reportLate)
    {
        _platform.ReportLate = reportLate;
        _platform.Open(FakeWindowsPlatform.Window("w2", "app2"));
        await using var client = await WindowsClient.ConnectAsync(_host, "w1");
        (await client.SnapshotAsync())["windows"]!.AsArray().Should().HaveCount(2);

        var reply = await client.ExecuteAsync("close", "w2", null, token: "t1");
        reply["result"]!["closed"]!.GetValue<bool>().Should().BeTrue();
        await Task.WhenAll(_platform.LateReports);

        (await client.EventsUntilAsync(e => e["token"]?.ToString() == "t1")).Select(e => e["type"]!.ToString()).Should().Equal("Closed", "CommandExecuted");
        await using var later = await WindowsClient.ConnectAsync(_host, "later-1");
        (await later.SnapshotAsync())["windows"]!.AsArray().Select(w => w!["id"]!.ToString()).Should().Equal("w1");
        await client.ExecuteAsync("getBounds", "w1", null, token: "t2");
        (await client.EventsUntilAsync(e => e["token"]?.ToString() == "t2")).Should().ContainSingle("the late report of the closed window publishes nothing");
    }

    [Fact]
    public async Task A_snapshot_reconciles_a_change_no_event_reported_and_tells_the_earlier_subscribers()
    {
        await using var a = await WindowsClient.ConnectAsync(_host, "a-1");
        await a.SnapshotAsync();

        _platform.ChangeSilently("w1", w => w with { Title = "Quiet" });
        await using var b = await WindowsClient.ConnectAsync(_host, "b-1");

        (await b.SnapshotAsync())["windows"]!.AsArray().Should().ContainSingle().Which!["title"]!.ToString().Should().Be("Quiet");
        var told = await a.NextEventAsync();
        told["type"]!.ToString().Should().Be("TitleChanged");
        told["data"]!.ToString().Should().Be("Quiet");
    }

    [Fact]
    public async Task A_window_closed_while_a_command_ran_is_not_brought_back()
    {
        _platform.Open(FakeWindowsPlatform.Window("w2", "app2"));
        _platform.DuringCommand = id => _platform.CloseByUser(id);
        await using var client = await WindowsClient.ConnectAsync(_host, "w1");
        await client.SnapshotAsync();

        await client.ExecuteAsync("setTitle", "w2", new JsonObject { ["title"] = "Late" }, token: "t1");
        _platform.DuringCommand = null;
        await client.ExecuteAsync("getBounds", "w1", null, token: "t2");

        (await client.EventsUntilAsync(e => e["token"]?.ToString() == "t2")).Select(e => e["type"]!.ToString()).Should().Equal("Closed", "CommandExecuted", "CommandExecuted");
    }

    [Fact]
    public async Task Windows_the_platform_opens_changes_and_closes_reach_every_subscriber()
    {
        await using var a = await WindowsClient.ConnectAsync(_host, "a-1");
        await using var b = await WindowsClient.ConnectAsync(_host, "b-1");
        await a.SnapshotAsync();
        await b.SnapshotAsync();

        _platform.Open(FakeWindowsPlatform.Window("w3", "app3", "Three"));
        _platform.Change("w3", w => w with { Url = "http://127.0.0.1/elsewhere" });
        _platform.Change("w3", w => w with { Url = "http://127.0.0.1/elsewhere" });
        _platform.CloseByUser("w3");

        foreach (var client in new[] { a, b })
        {
            var events = await client.EventsUntilAsync(e => e["type"]!.ToString() == "Closed");
            events.Select(e => e["type"]!.ToString()).Should().Equal("Created", "CompositionChanged", "UrlChanged", "Closed");
            events[0]["data"]!["title"]!.ToString().Should().Be("Three");
            events[0]["windowId"]!.ToString().Should().Be("w3");
            events[2]["data"]!.ToString().Should().Be("http://127.0.0.1/elsewhere");
        }
    }

    [Fact]
    public async Task Opening_a_window_stays_not_supported()
    {
        await using var client = await RawClient.LoginAsync(_host, "w1", "app1");
        await client.JoinAgmAsync();
        var (serverId, methodId) = await client.ExpectMethodAsync("T42.Wnd.Create");

        var reply = await client.CallAsync(serverId, methodId, new JsonObject { ["name"] = "x", ["url"] = "http://127.0.0.1/x" });

        reply["reason"]!.ToString().Should().Be("not supported by IoActors: windows.open");
    }
}

/// <summary>Without <see cref="IGatewayWindows"/> there are no windows and no window commands.</summary>
public sealed class NoWindowsTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_snapshot_is_empty_and_commands_are_not_supported()
    {
        await using var client = await WindowsClient.ConnectAsync(_host, "i1");
        (await client.SnapshotAsync())["windows"]!.AsArray().Should().BeEmpty();

        var reply = await client.ExecuteAsync("setTitle", "i1", new JsonObject { ["title"] = "x" }, token: "t1");

        reply["reason"]!.ToString().Should().Be("not supported by IoActors: windows.setTitle");
    }
}
