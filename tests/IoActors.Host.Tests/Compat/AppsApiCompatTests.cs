using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Compat;

/// <summary>
/// The real @interopio/desktop client's new Apps API (<c>io.apps</c>), which it creates only when the platform serves
/// <c>apps.command</c>: an app written against it reads its own instance and the registry, imports an app, starts,
/// waits for and stops an instance of it, and hears the events, as an <c>io.appManager</c> app does.
/// </summary>
public sealed class AppsApiCompatTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task IoApps_FromAPlatformStartedClient_WorksAsTheAppManagerDoes()
    {
        using var reports = new CompatReports();
        var child = reports["child"];
        var connect = Path.Combine(CompatHost.Scripts, "connect.js");
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["apps-user"] = CompatHost.NodeApp("apps-user", "apps-api.js", $"{connect} {child.Path} {reports.Argument("apps-user")}"),
        });
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);

        var id = await host.StartInstanceAsync("apps-user");
        var my = await reports["apps-user"].NextAsync("my");
        my["id"]!.ToString().Should().Be(id, "io.apps.my.instance is the platform's instance");
        my["appName"]!.ToString().Should().Be("apps-user");
        my["startedBy"]!["startedBy"]!.ToString().Should().Be("application");
        my["startedAt"]!.GetValue<bool>().Should().BeTrue("startedAt is a Date");

        var registry = await reports["apps-user"].NextAsync("registry");
        registry["names"]!.AsArray().Select(n => n!.ToString()).Should().Equal("apps-user");
        registry["title"]!.ToString().Should().Be("apps-user title");
        registry["type"]!.ToString().Should().Be("node");
        registry["definitionName"]!.ToString().Should().Be("apps-user");
        registry["instances"]!.AsArray().Select(n => n!.ToString()).Should().Equal(id);
        registry["has"]!.GetValue<bool>().Should().BeTrue();
        registry["hasNot"]!.GetValue<bool>().Should().BeFalse();
        registry["missing"].Should().BeNull();

        var imported = await reports["apps-user"].NextAsync("imported");
        imported["imported"]!.AsArray().Select(n => n!.ToString()).Should().Equal("child-app");
        imported["errors"]!.AsArray().Should().BeEmpty();
        imported["added"]!.ToString().Should().Be("child-app", "registry.onAdded fired");
        imported["inMemory"]!.GetValue<bool>().Should().BeTrue();

        var started = await reports["apps-user"].NextAsync("started");
        var childId = started["id"]!.ToString();
        started["appName"]!.ToString().Should().Be("child-app");
        started["startedBy"]!["instanceID"]!.ToString().Should().Be(id);
        started["startedBy"]!["applicationName"]!.ToString().Should().Be("apps-user");
        started["state"]!.ToString().Should().Be("ready", "waitForReady returned once the child's client connected");
        started["context"]!["greeting"]!.ToString().Should().Be("hi");
        started["listed"]!.AsArray().Select(n => n!.ToString()).Should().Equal(childId);

        var restarted = await reports["apps-user"].NextAsync("restarted");
        var restartedId = restarted["id"]!.ToString();
        restartedId.Should().NotBe(childId, "a restart stops the instance and starts its app again");
        restarted["appName"]!.ToString().Should().Be("child-app");
        restarted["context"]!["greeting"]!.ToString().Should().Be("hi", "with the context it had");
        restarted["oldState"]!.ToString().Should().Be("stopped");

        var stopped = await reports["apps-user"].NextAsync("stopped");
        stopped["started"]!.AsArray().Select(n => n!.ToString()).Should().Contain([childId, restartedId], "instances.onStarted fired");
        stopped["stopped"]!.AsArray().Select(n => n!.ToString()).Should().Contain([childId, restartedId], "instances.onStopped fired");
        stopped["state"]!.ToString().Should().Be("stopped");
        stopped["gone"].Should().BeNull();
        JsonNode.Parse(await host.Client.GetStringAsync("/api/instances?app=child-app"))!.AsArray().Should().BeEmpty();
    }
}
