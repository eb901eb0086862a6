using Akka.Actor;
using Akka.Persistence;
using IoActors.Platform.Configuration;
using IoActors.Platform.Persistence;

namespace IoActors.Platform.Tests.Support;

/// <summary>
/// The platform's journal as another process would see it, through Akka.Persistence with the platform's own
/// configuration (a short-lived actor system): writes an event at the next sequence number of a persistence id, or
/// reads the last event of one.
/// </summary>
internal static class PlatformJournalFile
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Persists <paramref name="event"/> as the next event of <paramref name="persistenceId"/>.</summary>
    public static Task WriteAsync(PlatformOptions configuration, string persistenceId, object @event) =>
        RunAsync(configuration, persistenceId, @event);

    /// <summary>The last event of <paramref name="persistenceId"/>, or <see langword="null"/> when it has none.</summary>
    public static async Task<T?> ReadLastAsync<T>(PlatformOptions configuration, string persistenceId)
        where T : class => await RunAsync(configuration, persistenceId, null) as T;

    private static async Task<object?> RunAsync(PlatformOptions configuration, string persistenceId, object? write)
    {
        var system = ActorSystem.Create("journal-file", PlatformPersistenceConfig.Create(configuration));
        try
        {
            await PlatformPersistenceStartup.StartAsync(system, configuration).WaitAsync(Timeout);
            var done = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(Props.Create(() => new Writer(persistenceId, write, done)));
            return await done.Task.WaitAsync(Timeout);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Recovers the persistence id (keeping its last event), then writes the event if there is one.</summary>
    private sealed class Writer : ReceivePersistentActor
    {
        private readonly string _persistenceId;
        private object? _last;

        public Writer(string persistenceId, object? write, TaskCompletionSource<object?> done)
        {
            _persistenceId = persistenceId;
            JournalPluginId = PlatformPersistenceConfig.JournalPluginId;
            SnapshotPluginId = PlatformPersistenceConfig.SnapshotPluginId;
            Recover<RecoveryCompleted>(_ =>
            {
                if (write is null)
                {
                    done.TrySetResult(_last);
                }
                else
                {
                    Self.Tell(write);
                }
            });
            RecoverAny(e => _last = e);
            CommandAny(e => Persist(e, persisted => done.TrySetResult(persisted)));
        }

        public override string PersistenceId => _persistenceId;
    }
}
