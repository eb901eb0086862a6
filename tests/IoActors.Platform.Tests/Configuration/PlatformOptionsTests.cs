using FluentAssertions;
using IoActors.Hocon;
using IoActors.Hocon.Configuration;
using IoActors.Platform.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Xunit;

namespace IoActors.Platform.Tests.Configuration;

public sealed class PlatformOptionsTests
{
    private static readonly HoconParseOptions NoEnvironment = new() { EnvironmentVariables = _ => null };

    private static string RepositoryFile(params string[] parts)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IoActors.sln")))
            {
                return Path.Combine([folder.FullName, .. parts]);
            }
        }

        throw new InvalidOperationException("IoActors.sln not found");
    }

    private static PlatformOptions BindHocon(string hocon, string? folder = null) =>
        PlatformOptions.Bind(new ConfigurationBuilder().AddHoconString(hocon, NoEnvironment).Build(), folder);

    private static PlatformOptions BindReferencePlus(string hocon)
    {
        var reference = HoconConfig.Load(RepositoryFile("hocon", "reference.conf"), NoEnvironment);
        var config = HoconConfig.Parse(hocon, null, NoEnvironment).WithFallback(reference);
        return PlatformOptions.Bind(new ConfigurationBuilder().AddHoconConfig(config).Build());
    }

    [Fact]
    public void Bind_ReferenceConf_MatchesClassDefaultsAndIsValid()
    {
        var fromFile = PlatformOptions.Bind(new ConfigurationBuilder().AddHoconConfig(HoconConfig.Load(RepositoryFile("hocon", "reference.conf"), NoEnvironment)).Build());
        var defaults = new PlatformOptions();
        fromFile.GetValidationErrors().Should().BeEmpty();
        defaults.GetValidationErrors().Should().BeEmpty();

        fromFile.AppStoresTimeout.Value.Should().Be(defaults.AppStoresTimeout.Value).And.Be(TimeSpan.FromMilliseconds(120000));
        fromFile.CloseRunningInstancesOnAppRemoved.Should().Be(defaults.CloseRunningInstancesOnAppRemoved).And.BeFalse();
        fromFile.NodePath.Should().Be(defaults.NodePath);
        fromFile.Server.Enabled.Should().Be(defaults.Server.Enabled);
        fromFile.Server.FetchInterval.Value.Should().Be(defaults.Server.FetchInterval.Value);
        fromFile.Server.TokenRefreshInterval.Value.Should().Be(defaults.Server.TokenRefreshInterval.Value);
        fromFile.Server.IsRequired.Should().Be(defaults.Server.IsRequired).And.BeNull();
        fromFile.Server.RequestTimeout.Value.Should().Be(defaults.Server.RequestTimeout.Value).And.Be(TimeSpan.FromSeconds(20));
        fromFile.Server.StartRetries.Should().Be(defaults.Server.StartRetries).And.Be(5);
        fromFile.Server.StartRetryInterval.Value.Should().Be(defaults.Server.StartRetryInterval.Value).And.Be(TimeSpan.FromSeconds(10));
        fromFile.Server.ReadCacheAfter.Value.Should().Be(defaults.Server.ReadCacheAfter.Value);
        fromFile.Server.RejectUnauthorized.Should().Be(defaults.Server.RejectUnauthorized).And.BeTrue();
        fromFile.Server.Headers.Should().BeEmpty();
        fromFile.Server.MaxPayloadSize.Bytes.Should().Be(defaults.Server.MaxPayloadSize.Bytes).And.Be(64L * 1024 * 1024);
        fromFile.Applications.TitleFormat.Should().Be(defaults.Applications.TitleFormat).And.Be("{title}");
        fromFile.Gw.Port.Should().Be(defaults.Gw.Port);
        fromFile.Gw.Host.Should().Be(defaults.Gw.Host);
        var own = fromFile.IoActors;
        own.DataFolder.Should().Be(defaults.IoActors.DataFolder);
        own.Boot.DefaultTimeout.Value.Should().Be(defaults.IoActors.Boot.DefaultTimeout.Value);
        own.Boot.EffectiveStages.Should().Equal(defaults.IoActors.Boot.EffectiveStages);
        own.Boot.Stages.Should().Equal("core", "pre-sso", "post-sso", "user");
        own.Shutdown.Budget.Value.Should().Be(TimeSpan.FromSeconds(60)).And.Be(defaults.IoActors.Shutdown.Budget.Value);
        own.Instances.RestartPolicy.Should().BeEquivalentTo(defaults.IoActors.Instances.RestartPolicy);
        own.Instances.StopGracePeriod.Value.Should().Be(defaults.IoActors.Instances.StopGracePeriod.Value);
        own.Api.Should().BeEquivalentTo(defaults.IoActors.Api);
        own.Persistence.Should().BeEquivalentTo(defaults.IoActors.Persistence);
        own.InMemoryStore.Persist.Should().Be(defaults.IoActors.InMemoryStore.Persist).And.BeTrue();
        own.Logging.Should().BeEquivalentTo(defaults.IoActors.Logging);
    }

    [Fact]
    public void Bind_IoConnectSystemJson_BindsStoresServerAndTitles()
    {
        const string systemJson = """
            {
              "appStores": [
                { "type": "path", "details": { "path": "./config/apps" } },
                { "type": "rest", "isRequired": false,
                  "details": { "url": "https://example.com/apps/", "auth": "negotiate", "pollInterval": 30000,
                               "headers": { "x-team": "desk" } },
                  "appDefinitionOverrides": { "ignoreSavedLayout": true, "window": { "autoInjectAPI": { "enabled": true } } } },
                { "type": "server" }
              ],
              "systemAppStores": [ { "type": "path", "details": { "path": "./config/system-apps" } } ],
              "appStoresTimeout": 90000,
              "closeRunningInstancesOnAppRemoved": true,
              "server": { "enabled": true, "url": "http://localhost:4356/api", "auth": { "basic": { "username": "u", "password": "p" } } },
              "applications": { "titleFormat": "{title} ({instanceIndex})" },
              "windows": { "syncTitleWithDocumentTitle": true }
            }
            """;
        var options = BindReferencePlus(systemJson);
        options.GetValidationErrors().Should().BeEmpty();
        options.AppStores.Should().HaveCount(3);
        options.AppStores[0].Details.Path.Should().Be("./config/apps");
        options.AppStores[0].IsRequired.Should().BeTrue();
        var rest = options.AppStores[1];
        rest.IsRequired.Should().BeFalse();
        rest.Details.Url.Should().Be("https://example.com/apps/");
        rest.Details.PollInterval.Value.Should().Be(TimeSpan.FromSeconds(30));
        rest.Details.RequestTimeout.Value.Should().Be(TimeSpan.FromSeconds(20), "defaults apply to keys the store omits");
        rest.Details.Auth.Should().Be("negotiate");
        rest.Details.Headers.Should().ContainKey("x-team").WhoseValue.Should().Be("desk");
        rest.AppDefinitionOverrides!["ignoreSavedLayout"].Should().Be("true");
        rest.AppDefinitionOverrides.GetSection("window:autoInjectAPI:enabled").Value.Should().Be("true");
        options.AppStores[2].Type.Should().Be("server");
        options.SystemAppStores.Single().Details.Path.Should().Be("./config/system-apps");
        options.AppStoresTimeout.Value.Should().Be(TimeSpan.FromSeconds(90));
        options.CloseRunningInstancesOnAppRemoved.Should().BeTrue();
        options.Server.Auth.Basic!.Username.Should().Be("u");
        options.Applications.TitleFormat.Should().Be("{title} ({instanceIndex})");
    }

    [Fact]
    public void Bind_HoconDurationsAndSizes_AcceptUnits()
    {
        var options = BindReferencePlus("appStoresTimeout = 2m\nioactors.shutdown.budget = 90s\nioactors.api.maxRequestBodySize = 4MiB\nioactors.persistence.provider = postgresql");
        options.AppStoresTimeout.Value.Should().Be(TimeSpan.FromMinutes(2));
        options.IoActors.Shutdown.Budget.Value.Should().Be(TimeSpan.FromSeconds(90));
        options.IoActors.Api.MaxRequestBodySize.Bytes.Should().Be(4 * 1024 * 1024);
        options.IoActors.Persistence.Provider.Should().Be(PersistenceProvider.Postgresql);
    }

    [Fact]
    public void Bind_StagesOverride_ReplacesDefaultList()
    {
        var options = BindReferencePlus("ioactors.boot.stages = [core, user]");
        options.IoActors.Boot.EffectiveStages.Should().Equal("core", "user");
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOneWithKeyValueAndRule()
    {
        var options = BindReferencePlus("""
            appStoresTimeout = -5
            appStores = [
              { type = path, details {} }
              { type = rest, details { url = "ftp://x", auth = basic, startRetries = -1 } }
              { type = magic }
            ]
            systemAppStores = [ { type = server } ]
            server { enabled = true }
            applications.titleFormat = "{title} {bogus}"
            gw.port = 70000
            ioactors {
              boot.stages = [user, core, later]
              shutdown.budget = 0s
              instances.restartPolicy { mode = sometimes, maxRestarts = -1, backoffMs = 5000, maxBackoffMs = 1000 }
              api { host = "not a host", port = -1 }
              logging.level = Chatty
            }
            """);
        var act = () => options.Validate();
        var failures = act.Should().Throw<OptionsValidationException>().Which.Failures.ToList();
        failures.Should().Contain([
            "appStoresTimeout: -5 must be > 0",
            "appStores[0].details.path: null must not be empty",
            "appStores[1].details.url: \"ftp://x\" must be an absolute http:// or https:// URL",
            "appStores[1].details.auth: \"basic\" must be one of no-auth, negotiate, kerberos",
            "appStores[1].details.startRetries: -1 must be >= 0",
            "appStores[2].type: \"magic\" must be one of path, rest, server",
            "systemAppStores[0].type: \"server\" must be one of path, rest",
            "server.url: null must be an absolute http:// or https:// URL",
            "applications.titleFormat: \"{title} {bogus}\" uses {bogus}; the macros are {title} and {instanceIndex}",
            "gw.port: 70000 must be between 0 and 65535",
            "ioactors.boot.stages[1]: \"core\" must come in the order core, pre-sso, post-sso, user",
            "ioactors.boot.stages[2]: \"later\" must be one of core, pre-sso, post-sso, user",
            "ioactors.shutdown.budget: 0s must be > 0",
            "ioactors.instances.restartPolicy.mode: \"sometimes\" must be one of never, on-failure, always",
            "ioactors.instances.restartPolicy.maxRestarts: -1 must be >= 0",
            "ioactors.instances.restartPolicy.maxBackoffMs: 1000 must be >= backoffMs (5000)",
            "ioactors.instances.stopGracePeriod: 5s must be <= ioactors.shutdown.budget (0s)",
            "ioactors.api.host: \"not a host\" must be an IP address, localhost or *",
            "ioactors.api.port: -1 must be between 0 and 65535",
            "ioactors.logging.level: \"Chatty\" must be one of Verbose, Debug, Information, Warning, Error, Fatal",
        ]);
        failures.Should().HaveCount(20);
        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("appStoresTimeout: -5 must be > 0").And.Contain("ioactors.api.port");
    }

    [Fact]
    public void Validate_BadChannelDefinitions_NameEachProblemWithItsKey()
    {
        var options = BindReferencePlus("""
            channels.definitions = [
              { name = "Red", meta { color = "red", fdc3 { id = "fdc3.channel.1" } } }
              { meta { color = "blue" } }
              { name = "Red", meta { color = "green" } }
              { name = "NoColor", meta { } }
              { name = "BadFdc3", meta { color = "pink", fdc3 = "x" } }
              { name = "Extra", meta { color = "cyan" }, data { a = 1 } }
              { name = "Twice", meta { color = "lime", fdc3 { id = "fdc3.channel.1" } } }
            ]
            """);

        var act = () => options.Validate();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().BeEquivalentTo(
            "channels.definitions[1].name: null must be a non-empty string",
            "channels.definitions[2].name: \"Red\" is defined twice (channel names are unique)",
            "channels.definitions[3].meta: is missing or empty; it must be an object with at least color",
            "channels.definitions[4].meta.fdc3: \"x\" must be an object with a non-empty string id (the FDC3 user channel id)",
            "channels.definitions[5].data: unknown property (a channel has name and meta; put other data into meta)",
            "channels.definitions: meta.fdc3.id \"fdc3.channel.1\" is used by 2 channels (an FDC3 user channel id names one channel)");
    }

    [Fact]
    public void Bind_TheReferenceChannels_AreTenWithTheEightFdc3UserChannels()
    {
        var options = BindReferencePlus("");

        var channels = IoActors.Platform.Channels.ChannelDefinitions.Read(options.Channels);

        channels.Select(c => c.Name).Should().Equal("Red", "Green", "Blue", "Pink", "Yellow", "DarkYellow", "Orange", "Purple", "Lime", "Cyan");
        channels.Select(c => c.Meta.TryGetProperty("fdc3", out var f) ? f.GetProperty("id").GetString() : null).OfType<string>().Order()
            .Should().Equal(Enumerable.Range(1, 8).Select(i => $"fdc3.channel.{i}"), "each FDC3 recommended user channel once");
    }

    [Fact]
    public void Validate_LayoutsBoundsThatAreNotPositive_AreErrorsNamingTheKeys()
    {
        var options = BindReferencePlus("ioactors.layouts { maxCount = 0, maxBytes = 0B }");

        var act = () => options.Validate();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().BeEquivalentTo(
            "ioactors.layouts.maxBytes: 0B must be > 0",
            "ioactors.layouts.maxCount: 0 must be > 0");
    }

    [Fact]
    public void Bind_TheReferenceDashboardSettings_AreTheDocumentedDefaults()
    {
        var dashboard = BindReferencePlus("").IoActors.Api.Dashboard;

        dashboard.Enabled.Should().BeTrue();
        dashboard.SessionIdleTimeout.Value.Should().Be(TimeSpan.FromHours(12));
        dashboard.MaxSessions.Should().Be(64);
        dashboard.LinkTimeout.Value.Should().Be(TimeSpan.FromMinutes(2));
        dashboard.Folder.Should().BeNull();
    }

    [Fact]
    public void Validate_DashboardBoundsOutOfRange_AreErrorsNamingTheKeys()
    {
        var options = BindReferencePlus("ioactors.api.dashboard { sessionIdleTimeout = 0s, linkTimeout = 0s, maxSessions = 0 }");

        var act = () => options.Validate();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().BeEquivalentTo(
            "ioactors.api.dashboard.sessionIdleTimeout: 0s must be > 0",
            "ioactors.api.dashboard.linkTimeout: 0s must be > 0",
            "ioactors.api.dashboard.maxSessions: 0 must be 1..10000");
    }

    [Fact]
    public void Bind_TheReferenceLayoutsBounds_AreTheDocumentedDefaults()
    {
        var options = BindReferencePlus("");

        options.IoActors.Layouts.MaxCount.Should().Be(1000);
        options.IoActors.Layouts.MaxBytes.Bytes.Should().Be(1024 * 1024);
    }

    [Fact]
    public void Validate_DefaultRestartWindowThatCannotHoldTheRestarts_IsAnError()
    {
        var options = BindReferencePlus("ioactors.instances.restartPolicy { withinMs = 2s, backoffMs = 1s, maxRestarts = 5 }");

        var act = () => options.Validate();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().StartWith("ioactors.instances.restartPolicy.withinMs: 2000 ms cannot hold 5 restarts: their backoff alone takes 31000 ms");
    }

    [Fact]
    public void Bind_UnconvertibleValue_FailsNamingKeyAndValue()
    {
        var act = () => BindHocon("ioactors.api.port = eighty");
        act.Should().Throw<OptionsValidationException>().Which.Failures.Single().Should().Be("ioactors.api.port: \"eighty\" must be an integer");

        var badDuration = () => BindHocon("appStoresTimeout = soon");
        badDuration.Should().Throw<OptionsValidationException>().Which.Failures.Single()
            .Should().Be("appStoresTimeout: \"soon\" must be a duration (a number of milliseconds, or e.g. 30s, 2m)");

        var badStore = () => BindHocon("appStores = [ { type = rest, details { startRetries = many } } ]");
        badStore.Should().Throw<OptionsValidationException>().Which.Failures.Single().Should().Be("appStores[0].details.startRetries: \"many\" must be an integer");

        var several = () => BindHocon("gw.port = x\nserver.enabled = maybe\nioactors.shutdown.budget = later\nioactors.persistence.provider = oracle\nioactors.api.maxRequestBodySize = huge");
        several.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(
            "server.enabled: \"maybe\" must be true or false",
            "gw.port: \"x\" must be an integer",
            "ioactors.shutdown.budget: \"later\" must be a duration (a number of milliseconds, or e.g. 30s, 2m)",
            "ioactors.api.maxRequestBodySize: \"huge\" must be a size (a number of bytes, or e.g. 512K, 10MB)",
            "ioactors.persistence.provider: \"oracle\" must be sqlite or postgresql");
    }

    [Fact]
    public void Validator_ThroughOptionsFramework_ReturnsFailures()
    {
        var result = new PlatformOptionsValidator().Validate(null, BindReferencePlus("gw.port = 70000"));
        result.Failed.Should().BeTrue();
        result.Failures.Should().Equal("gw.port: 70000 must be between 0 and 65535");
        new PlatformOptionsValidator().Validate(null, new PlatformOptions()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void ResolvePath_Relative_ResolvesAgainstConfigFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cfg");
        var options = BindHocon("a = 1", folder);
        options.ResolvePath("../samples/apps").Should().Be(Path.GetFullPath(Path.Combine(folder, "../samples/apps")));
        options.ResolvePath("/abs/apps").Should().Be("/abs/apps");
    }

    [Fact]
    public void Bind_IoActorsConf_PointsStoresAtSamples()
    {
        var file = RepositoryFile("hocon", "ioactors.conf");
        var configuration = new ConfigurationBuilder().AddHoconFile(file).Build();
        var options = PlatformOptions.Bind(configuration, Path.GetDirectoryName(file));
        options.GetValidationErrors().Should().BeEmpty();
        options.ResolvePath(options.AppStores.Single().Details.Path!).Should().Be(RepositoryFile("samples", "apps"));
        options.ResolvePath(options.SystemAppStores.Single().Details.Path!).Should().Be(RepositoryFile("samples", "system-apps"));
        options.ResolvePath(options.IoActors.DataFolder).Should().Be(RepositoryFile("data"));
    }
}
