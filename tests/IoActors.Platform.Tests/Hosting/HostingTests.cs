using Akka.Actor;
using Akka.Hosting;
using FluentAssertions;
using IoActors.Platform.Boot;
using IoActors.Platform.Configuration;
using IoActors.Platform.Shutdown;
using IoActors.Platform.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace IoActors.Platform.Tests.Hosting;

/// <summary>The platform inside a user's Generic Host through Akka.Hosting, next to the user's own actors.</summary>
public sealed class HostingTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _root = Directory.CreateTempSubdirectory("ioactors-hosting-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task AddIoActors_GenericHost_RunsThePlatformInTheHostsActorSystemNextToItsOwnActor()
    {
        File.WriteAllText(Path.Combine(AppsFolder(), "notes.json"), BootHarness.Definition("notes", "exe", null, autoStart: false).ToJsonString());
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddIoActors(
            new IoPlatformOptions { Configuration = Configuration(), SystemName = "users-app" },
            (akka, _) => akka.WithActors((system, registry) => registry.Register<UsersActor>(system.ActorOf(Props.Create<UsersActor>(), "users-actor"))));
        using var host = builder.Build();
        await host.StartAsync().WaitAsync(Wait);

        var platform = host.Services.GetRequiredService<IoPlatform>();
        await platform.WhenBooted.WaitAsync(Wait);
        var system = host.Services.GetRequiredService<ActorSystem>();
        platform.System.Should().BeSameAs(system, "the platform runs in the host's actor system");
        system.Name.Should().Be("users-app");
        IoPlatform.Of(system).Should().BeSameAs(platform);
        ActorRegistry.For(system).Get<IoPlatform>().Path.ToStringWithoutAddress().Should().Be("/user/platform");
        (await platform.AppManager.ApplicationsAsync()).Select(a => a.Name).Should().Contain("notes");

        // The user's own actor talks to the platform's actors in the same system.
        var users = await host.Services.GetRequiredService<IRequiredActor<UsersActor>>().GetAsync();
        var found = await users.Ask<string>("find-platform", Wait);
        found.Should().Be("/user/platform");

        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains(IoActorsHosting.HealthCheckTag));
        health.Entries.Keys.Should().BeEquivalentTo(IoActorsHosting.BootHealthCheckName, IoActorsHosting.JournalHealthCheckName);
        health.Status.Should().Be(HealthStatus.Healthy, string.Join("; ", health.Entries.Select(e => $"{e.Key}: {e.Value.Description}")));

        // Stopping the host runs the platform's shutdown (its handlers, then the instances stop) in the coordinated shutdown.
        var asked = new TaskCompletionSource<ShuttingDownEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        platform.OnShuttingDown((args, _) =>
        {
            asked.TrySetResult(args);
            return Task.FromResult(ShutdownDecision.Proceed);
        });
        await host.StopAsync().WaitAsync(Wait);
        (await asked.Task.WaitAsync(Wait)).Restarting.Should().BeFalse();
        await platform.WhenTerminated.WaitAsync(Wait);
    }

    [Fact]
    public async Task WithIoActors_PersistingPlatformWaitingAtTheIdentityGate_BootCheckDegradedThenHealthyAndTheJournalAnswers()
    {
        var configuration = Configuration();
        configuration.IoActors.InMemoryStore.Persist = true;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddHealthChecks();
        builder.Services.AddAkka("own", (akka, _) => akka.WithIoActors(new IoPlatformOptions
        {
            Configuration = configuration,
            IdentityProvider = IdentityProviders.Login(),
        }));
        using var host = builder.Build();
        await host.StartAsync().WaitAsync(Wait);
        var platform = IoPlatform.Of(host.Services.GetRequiredService<ActorSystem>())!;
        platform.Should().NotBeNull();
        var checks = host.Services.GetRequiredService<HealthCheckService>();

        // The boot waits for a login: the boot check says so; the journal (SQLite in the data folder) answers.
        var waiting = await checks.CheckHealthAsync();
        waiting.Entries[IoActorsHosting.BootHealthCheckName].Status.Should().Be(HealthStatus.Degraded);
        waiting.Entries[IoActorsHosting.BootHealthCheckName].Description.Should().Be("The boot is running.");
        waiting.Entries[IoActorsHosting.JournalHealthCheckName].Status.Should().Be(HealthStatus.Healthy);
        waiting.Entries[IoActorsHosting.JournalHealthCheckName].Description.Should().Contain("SQLite journal").And.Contain(Path.Combine(_root, "data"));

        platform.Login("someone").Should().BeTrue();
        await platform.WhenBooted.WaitAsync(Wait);
        var booted = await checks.CheckHealthAsync();
        booted.Entries[IoActorsHosting.BootHealthCheckName].Status.Should().Be(HealthStatus.Healthy);
        booted.Entries[IoActorsHosting.BootHealthCheckName].Description.Should().StartWith("Booted (attempt 1)");

        await host.StopAsync().WaitAsync(Wait);
        (await checks.CheckHealthAsync()).Entries[IoActorsHosting.BootHealthCheckName].Status.Should().Be(HealthStatus.Unhealthy);
    }

    [Fact]
    public void WithIoActors_InvalidConfiguration_FailsAtOnceNamingTheKey()
    {
        var configuration = Configuration();
        configuration.IoActors.Boot.Identity.Provider = "nobody";
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddIoActors(new IoPlatformOptions { Configuration = configuration });
        using var host = builder.Build();

        var start = () => host.StartAsync().WaitAsync(Wait).GetAwaiter().GetResult();
        start.Should().Throw<Exception>().Where(e => Chain(e).Any(x => x is OptionsValidationException && x.Message.Contains("ioactors.boot.identity.provider")));
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
            if (x is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }

    private string AppsFolder() => Directory.CreateDirectory(Path.Combine(_root, "apps")).FullName;

    private PlatformOptions Configuration()
    {
        var configuration = new PlatformOptions { ConfigFolder = _root };
        configuration.SystemAppStores = [];
        configuration.AppStores = [new AppStoreOptions { Type = "path", Details = new AppStoreDetailsOptions { Path = AppsFolder() } }];
        configuration.IoActors.DataFolder = Path.Combine(_root, "data");
        return configuration;
    }

    private sealed class UsersActor : ReceiveActor
    {
        public UsersActor()
        {
            ReceiveAsync<string>(async _ =>
            {
                var sender = Sender;
                var platform = await Context.ActorSelection("/user/platform").ResolveOne(TimeSpan.FromSeconds(10));
                sender.Tell(platform.Path.ToStringWithoutAddress());
            });
        }
    }
}
