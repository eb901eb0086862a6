using Akka.Actor;
using Akka.Hosting;
using FluentAssertions;
using IoActors.Platform.Persistence.Tests.Support;
using IoActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace IoActors.Platform.Persistence.Tests.Configuration;

public sealed class HostingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WithIoActorsPersistence_GenericHost_PersistsAndRecoversNextToTheHostsOwnActors()
    {
        var options = SpecDatabase.Sqlite(_folder);
        var pid = "hosted-" + Guid.NewGuid().ToString("N");
        var recovered = new List<Recovered>();
        for (var run = 1; run <= 2; run++)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Services.AddAkka("hosted", akka => akka.WithIoActorsPersistence(options));
            using var host = builder.Build();
            await host.StartAsync();
            var system = host.Services.GetRequiredService<ActorSystem>();
            await PlatformPersistenceStartup.StartAsync(system, options);

            var reporter = new TaskCompletionSource<Recovered>(TaskCreationOptions.RunContinuationsAsynchronously);
            var listener = system.ActorOf(Props.Create(() => new ReplyTo(reporter)));
            var actor = system.ActorOf(HistoryActor.Props(pid, listener));
            recovered.Add(await reporter.Task.WaitAsync(TimeSpan.FromSeconds(60)));
            (await actor.Ask<Appended>(new Append(SpecData.Event(run)), TimeSpan.FromSeconds(60))).SequenceNr.Should().Be(run);
            await host.StopAsync();
        }

        recovered[0].Entries.Should().BeEmpty();
        recovered[1].Entries.Should().Equal(SpecData.Event(1));
    }

    /// <summary>Completes a task with the first message of the expected type.</summary>
    private sealed class ReplyTo : ReceiveActor
    {
        public ReplyTo(TaskCompletionSource<Recovered> reply) => Receive<Recovered>(m => reply.TrySetResult(m));
    }
}
