using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using IoActors.Platform.Boot;
using IoActors.Platform.Hosting;
using IoActors.Platform.Layouts;
using IoActors.Platform.Preferences;

namespace IoActors.Platform.Persistence;

/// <summary>
/// The serializer of the platform's persisted events and snapshots (a <see cref="StableJsonSerializer"/> over the
/// build-time generated metadata of <see cref="PlatformPersistenceJsonContext"/>).
/// Bound to the platform's types in <c>akka.actor.serialization-bindings</c> (see <see cref="PlatformPersistenceConfig"/>).
/// </summary>
internal sealed class PlatformEventSerializer : StableJsonSerializer
{
    /// <summary>The serializer's identifier, stored with every event and snapshot.</summary>
    public const int SerializerId = 4207;

    /// <summary>The name the serializer is registered under in <c>akka.actor.serializers</c>.</summary>
    public const string Name = "ioactors-json";

    private static readonly PlatformPersistenceJsonContext s_context = PlatformPersistenceJsonContext.Default;

    /// <summary>Every persisted type with its manifest and JSON metadata.</summary>
    internal static readonly IReadOnlyList<(Type Type, string Manifest, JsonTypeInfo Info)> Types =
    [
        (typeof(InMemoryAppsPersisted), "ioactors.in-memory-apps.v1", s_context.InMemoryAppsPersisted),
        (typeof(InstanceHistoryEntry), "ioactors.instance-history-entry.v1", s_context.InstanceHistoryEntry),
        (typeof(RemoteStoreCachePersisted), "ioactors.remote-store-cache.v1", s_context.RemoteStoreCachePersisted),
        (typeof(BootReport), "ioactors.boot-report.v1", s_context.BootReport),
        (typeof(InstanceProcessesPersisted), "ioactors.instance-processes.v1", s_context.InstanceProcessesPersisted),
        (typeof(InstanceHistorySnapshot), "ioactors.instance-history-snapshot.v1", s_context.InstanceHistorySnapshot),
        (typeof(BootReportsSnapshot), "ioactors.boot-reports-snapshot.v1", s_context.BootReportsSnapshot),
        (typeof(LegacyJournalEntry), "ioactors.legacy-entry.v1", s_context.LegacyJournalEntry),
        (typeof(LegacyDeletedEvents), "ioactors.legacy-deleted.v1", s_context.LegacyDeletedEvents),
        (typeof(PreferencesStored), "ioactors.preferences-stored.v1", s_context.PreferencesStored),
        (typeof(PreferencesRemoved), "ioactors.preferences-removed.v1", s_context.PreferencesRemoved),
        (typeof(PreferencesSnapshot), "ioactors.preferences-snapshot.v1", s_context.PreferencesSnapshot),
        (typeof(PreferencesReplaced), "ioactors.preferences-replaced.v1", s_context.PreferencesReplaced),
        (typeof(LayoutStored), "ioactors.layout-stored.v1", s_context.LayoutStored),
        (typeof(LayoutDeleted), "ioactors.layout-deleted.v1", s_context.LayoutDeleted),
        (typeof(LayoutNameChanged), "ioactors.layout-renamed.v1", s_context.LayoutNameChanged),
        (typeof(LayoutsImported), "ioactors.layouts-imported.v1", s_context.LayoutsImported),
        (typeof(DefaultLayoutStored), "ioactors.default-layout.v1", s_context.DefaultLayoutStored),
        (typeof(LayoutsSnapshot), "ioactors.layouts-snapshot.v1", s_context.LayoutsSnapshot),
    ];

    /// <summary>Creates the serializer (Akka creates it from <c>akka.actor.serializers</c>).</summary>
    /// <param name="system">The actor system.</param>
    public PlatformEventSerializer(ExtendedActorSystem system)
        : base(system, Name, Types)
    {
    }

    /// <inheritdoc />
    public override int Identifier => SerializerId;
}
