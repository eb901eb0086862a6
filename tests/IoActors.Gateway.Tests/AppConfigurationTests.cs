using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Tests.Support;
using Xunit;

namespace IoActors.Gateway.Tests;

/// <summary>
/// <c>T42.ACS.GetApplications {v2}</c> (<c>app.getConfiguration()</c>, <c>appManager.getConfigurations()</c>): each
/// definition as the platform has it, with a <c>customProperties</c> object — <c>{}</c> when it has none, as io.Connect
/// Desktop's definitions always have one (<c>@interopio/fdc3</c>'s <c>getAppMetadata</c> reads it unchecked).
/// </summary>
public sealed class AppConfigurationTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GetConfigurations_DefinitionWithoutCustomProperties_GetsAnEmptyObject_OthersKeepTheirs()
    {
        _host.Platform.AddApp("plain", title: "Plain");
        _host.Platform.AddDefinition(new JsonObject
        {
            ["name"] = "custom",
            ["type"] = "window",
            ["title"] = "Custom",
            ["details"] = new JsonObject { ["url"] = "https://example.com" },
            ["customProperties"] = new JsonObject { ["screenshots"] = new JsonArray("a.png") },
        });
        await using var client = await RawClient.LoginAsync(_host, "inst-1", "app-1");
        await client.JoinAgmAsync();
        var (server, method) = await client.ExpectMethodAsync("T42.ACS.GetApplications");

        var all = await client.CallAsync(server, method, new JsonObject { ["v2"] = new JsonObject() });
        all["type"]!.ToString().Should().Be("result", all.ToJsonString());
        var byName = all["result"]!["applications"]!.AsArray().ToDictionary(a => a!["name"]!.ToString(), a => a!.AsObject());
        byName["plain"]["customProperties"]!.AsObject().Should().BeEmpty();
        byName["plain"]["title"]!.ToString().Should().Be("Plain");
        byName["custom"]["customProperties"]!["screenshots"]![0]!.ToString().Should().Be("a.png");

        var one = await client.CallAsync(server, method, new JsonObject { ["v2"] = new JsonObject { ["apps"] = new JsonArray("plain") } });
        one["result"]!["applications"]!.AsArray().Select(a => a!["name"]!.ToString()).Should().Equal("plain");
        var wrong = await client.CallAsync(server, method, new JsonObject { ["v2"] = new JsonObject { ["apps"] = "plain" } });
        wrong["type"]!.ToString().Should().Be("error");
        wrong["reason"]!.ToString().Should().Contain("'v2.apps' must be an array of app names, got \"plain\"");
        (await _host.Platform.GetApplicationsAsync(CancellationToken.None)).Single(a => a.Name == "plain").Definition
            .ContainsKey("customProperties").Should().BeFalse("the answer is a copy; the platform's definition is unchanged");
    }
}
