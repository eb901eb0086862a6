using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using IoActors.Manager.State;
using IoActors.Platform.Persistence;

namespace IoActors.Manager.Persistence;

/// <summary>The serializer of the Manager's persisted events and snapshots: stable manifests (<c>ioactors.manager.….v1</c>) over System.Text.Json.</summary>
internal sealed class ManagerSerializer : StableJsonSerializer
{
    /// <summary>The serializer's identifier, stored with every event and snapshot.</summary>
    public const int SerializerId = 4208;

    /// <summary>The name the serializer is registered under in <c>akka.actor.serializers</c>.</summary>
    public const string Name = "ioactors-manager-json";

    private static readonly ManagerJsonContext s_context = ManagerJsonContext.Default;

    /// <summary>Every persisted type with its manifest and JSON metadata.</summary>
    internal static readonly IReadOnlyList<(Type Type, string Manifest, JsonTypeInfo Info)> Types =
    [
        (typeof(UserSaved), "ioactors.manager.user-saved.v1", s_context.UserSaved),
        (typeof(UserDeleted), "ioactors.manager.user-deleted.v1", s_context.UserDeleted),
        (typeof(GroupSaved), "ioactors.manager.group-saved.v1", s_context.GroupSaved),
        (typeof(GroupDeleted), "ioactors.manager.group-deleted.v1", s_context.GroupDeleted),
        (typeof(AppsSaved), "ioactors.manager.apps-saved.v1", s_context.AppsSaved),
        (typeof(AppDeleted), "ioactors.manager.app-deleted.v1", s_context.AppDeleted),
        (typeof(SharedLayoutSaved), "ioactors.manager.shared-layout-saved.v1", s_context.SharedLayoutSaved),
        (typeof(SharedLayoutDeleted), "ioactors.manager.shared-layout-deleted.v1", s_context.SharedLayoutDeleted),
        (typeof(DirectorySnapshot), "ioactors.manager.directory-snapshot.v1", s_context.DirectorySnapshot),
        (typeof(UserLayoutSaved), "ioactors.manager.user-layout-saved.v1", s_context.UserLayoutSaved),
        (typeof(UserLayoutDeleted), "ioactors.manager.user-layout-deleted.v1", s_context.UserLayoutDeleted),
        (typeof(UserLayoutsCleared), "ioactors.manager.user-layouts-cleared.v1", s_context.UserLayoutsCleared),
        (typeof(UserDefaultLayoutChosen), "ioactors.manager.user-default-layout.v1", s_context.UserDefaultLayoutChosen),
        (typeof(UserPrefsSaved), "ioactors.manager.user-prefs-saved.v1", s_context.UserPrefsSaved),
        (typeof(UserPrefsDeleted), "ioactors.manager.user-prefs-deleted.v1", s_context.UserPrefsDeleted),
        (typeof(UserStateSnapshot), "ioactors.manager.user-state-snapshot.v1", s_context.UserStateSnapshot),
        (typeof(SessionOpened), "ioactors.manager.session-opened.v1", s_context.SessionOpened),
        (typeof(SessionClosed), "ioactors.manager.session-closed.v1", s_context.SessionClosed),
        (typeof(SessionSeen), "ioactors.manager.session-seen.v1", s_context.SessionSeen),
        (typeof(CommandQueued), "ioactors.manager.command-queued.v1", s_context.CommandQueued),
        (typeof(CommandCompleted), "ioactors.manager.command-completed.v1", s_context.CommandCompleted),
        (typeof(SessionsSnapshot), "ioactors.manager.sessions-snapshot.v1", s_context.SessionsSnapshot),
        (typeof(CrashStored), "ioactors.manager.crash-stored.v1", s_context.CrashStored),
        (typeof(CrashDropped), "ioactors.manager.crash-dropped.v1", s_context.CrashDropped),
        (typeof(FeedbackStored), "ioactors.manager.feedback-stored.v1", s_context.FeedbackStored),
        (typeof(ReportsSnapshot), "ioactors.manager.reports-snapshot.v1", s_context.ReportsSnapshot),
        (typeof(AuditEntry), "ioactors.manager.audit-entry.v1", s_context.AuditEntry),
        (typeof(AuditSnapshot), "ioactors.manager.audit-snapshot.v1", s_context.AuditSnapshot),
        .. Fleet.FleetFacts.SerializerTypes,
    ];

    /// <summary>Creates the serializer (Akka creates it from <c>akka.actor.serializers</c>).</summary>
    /// <param name="system">The actor system.</param>
    public ManagerSerializer(ExtendedActorSystem system)
        : base(system, Name, Types)
    {
    }

    /// <inheritdoc />
    public override int Identifier => SerializerId;
}

/// <summary>The build-time JSON metadata of the Manager's persisted types (camelCase, nulls left out).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UserSaved))]
[JsonSerializable(typeof(UserDeleted))]
[JsonSerializable(typeof(GroupSaved))]
[JsonSerializable(typeof(GroupDeleted))]
[JsonSerializable(typeof(AppsSaved))]
[JsonSerializable(typeof(AppDeleted))]
[JsonSerializable(typeof(SharedLayoutSaved))]
[JsonSerializable(typeof(SharedLayoutDeleted))]
[JsonSerializable(typeof(DirectorySnapshot))]
[JsonSerializable(typeof(UserLayoutSaved))]
[JsonSerializable(typeof(UserLayoutDeleted))]
[JsonSerializable(typeof(UserLayoutsCleared))]
[JsonSerializable(typeof(UserDefaultLayoutChosen))]
[JsonSerializable(typeof(UserPrefsSaved))]
[JsonSerializable(typeof(UserPrefsDeleted))]
[JsonSerializable(typeof(UserStateSnapshot))]
[JsonSerializable(typeof(SessionOpened))]
[JsonSerializable(typeof(SessionClosed))]
[JsonSerializable(typeof(SessionSeen))]
[JsonSerializable(typeof(CommandQueued))]
[JsonSerializable(typeof(CommandCompleted))]
[JsonSerializable(typeof(SessionsSnapshot))]
[JsonSerializable(typeof(CrashStored))]
[JsonSerializable(typeof(CrashDropped))]
[JsonSerializable(typeof(FeedbackStored))]
[JsonSerializable(typeof(ReportsSnapshot))]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(AuditSnapshot))]
internal sealed partial class ManagerJsonContext : JsonSerializerContext;
