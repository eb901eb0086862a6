using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using IoActors.Manager.State;
using IoActors.Platform.Persistence;

namespace IoActors.Manager.Cluster;

/// <summary>
/// The messages request handlers and actors exchange, as they cross Akka.Remote between cluster nodes (to a singleton,
/// a shard region, a replica): System.Text.Json with a stable manifest per type, so collections, records and
/// refusals arrive as they were sent (Akka's default Newtonsoft serializer cannot rebuild compiler-made collections).
/// Persisted types keep their own serializer (<see cref="Persistence.ManagerSerializer"/>).
/// </summary>
internal sealed class ManagerWireSerializer : StableJsonSerializer
{
    public const int SerializerId = 4209;

    public const string Name = "ioactors-manager-wire";

    private static readonly ManagerWireJsonContext s_context = ManagerWireJsonContext.Default;

    internal static readonly IReadOnlyList<(Type Type, string Manifest, JsonTypeInfo Info)> Types =
    [
        (typeof(ManagerRefusal), "ioactors.manager.wire.refusal", s_context.ManagerRefusal),
        (typeof(Done), "ioactors.manager.wire.done", s_context.Done),
        (typeof(JournalChanged), "ioactors.manager.wire.journal-changed", s_context.JournalChanged),
        (typeof(DirectoryChanged), "ioactors.manager.wire.directory-changed", s_context.DirectoryChanged),
        (typeof(PutUsers), "ioactors.manager.wire.put-users", s_context.PutUsers),
        (typeof(RemoveUser), "ioactors.manager.wire.remove-user", s_context.RemoveUser),
        (typeof(PutGroup), "ioactors.manager.wire.put-group", s_context.PutGroup),
        (typeof(RemoveGroup), "ioactors.manager.wire.remove-group", s_context.RemoveGroup),
        (typeof(SetMembership), "ioactors.manager.wire.set-membership", s_context.SetMembership),
        (typeof(PutApps), "ioactors.manager.wire.put-apps", s_context.PutApps),
        (typeof(RemoveApp), "ioactors.manager.wire.remove-app", s_context.RemoveApp),
        (typeof(SetAppAccess), "ioactors.manager.wire.set-app-access", s_context.SetAppAccess),
        (typeof(PutSharedLayout), "ioactors.manager.wire.put-shared-layout", s_context.PutSharedLayout),
        (typeof(RemoveSharedLayout), "ioactors.manager.wire.remove-shared-layout", s_context.RemoveSharedLayout),
        (typeof(GetUserState), "ioactors.manager.wire.get-user-state", s_context.GetUserState),
        (typeof(SaveUserLayout), "ioactors.manager.wire.save-user-layout", s_context.SaveUserLayout),
        (typeof(DeleteUserLayout), "ioactors.manager.wire.delete-user-layout", s_context.DeleteUserLayout),
        (typeof(ClearUserLayouts), "ioactors.manager.wire.clear-user-layouts", s_context.ClearUserLayouts),
        (typeof(RenameUserLayout), "ioactors.manager.wire.rename-user-layout", s_context.RenameUserLayout),
        (typeof(ChooseDefaultLayout), "ioactors.manager.wire.choose-default-layout", s_context.ChooseDefaultLayout),
        (typeof(SavePrefs), "ioactors.manager.wire.save-prefs", s_context.SavePrefs),
        (typeof(DeletePrefs), "ioactors.manager.wire.delete-prefs", s_context.DeletePrefs),
        (typeof(UserStateView), "ioactors.manager.wire.user-state", s_context.UserStateView),
        (typeof(SavedUserLayout), "ioactors.manager.wire.saved-user-layout", s_context.SavedUserLayout),
        (typeof(UserPrefs), "ioactors.manager.wire.user-prefs", s_context.UserPrefs),
        (typeof(OpenSession), "ioactors.manager.wire.open-session", s_context.OpenSession),
        (typeof(CloseSession), "ioactors.manager.wire.close-session", s_context.CloseSession),
        (typeof(TouchSession), "ioactors.manager.wire.touch-session", s_context.TouchSession),
        (typeof(GetSessions), "ioactors.manager.wire.get-sessions", s_context.GetSessions),
        (typeof(IsSessionOpen), "ioactors.manager.wire.is-session-open", s_context.IsSessionOpen),
        (typeof(SessionOpenness), "ioactors.manager.wire.session-openness", s_context.SessionOpenness),
        (typeof(QueueCommand), "ioactors.manager.wire.queue-command", s_context.QueueCommand),
        (typeof(GetCommands), "ioactors.manager.wire.get-commands", s_context.GetCommands),
        (typeof(CompleteCommand), "ioactors.manager.wire.complete-command", s_context.CompleteCommand),
        (typeof(ManagerSession), "ioactors.manager.wire.session", s_context.ManagerSession),
        (typeof(ManagerSession[]), "ioactors.manager.wire.sessions", s_context.ManagerSessionArray),
        (typeof(ManagerCommand), "ioactors.manager.wire.command", s_context.ManagerCommand),
        (typeof(ManagerCommand[]), "ioactors.manager.wire.commands", s_context.ManagerCommandArray),
        (typeof(StoreCrash), "ioactors.manager.wire.store-crash", s_context.StoreCrash),
        (typeof(GetCrashes), "ioactors.manager.wire.get-crashes", s_context.GetCrashes),
        (typeof(CrashReport), "ioactors.manager.wire.crash", s_context.CrashReport),
        (typeof(CrashReport[]), "ioactors.manager.wire.crashes", s_context.CrashReportArray),
        (typeof(StoreFeedback), "ioactors.manager.wire.store-feedback", s_context.StoreFeedback),
        (typeof(GetFeedbacks), "ioactors.manager.wire.get-feedbacks", s_context.GetFeedbacks),
        (typeof(FeedbackReport), "ioactors.manager.wire.feedback", s_context.FeedbackReport),
        (typeof(FeedbackReport[]), "ioactors.manager.wire.feedbacks", s_context.FeedbackReportArray),
        (typeof(GetAuditEntries), "ioactors.manager.wire.get-audit", s_context.GetAuditEntries),
        (typeof(AuditEntry[]), "ioactors.manager.wire.audit-entries", s_context.AuditEntryArray),
    ];

    public ManagerWireSerializer(ExtendedActorSystem system)
        : base(system, Name, Types)
    {
    }

    public override int Identifier => SerializerId;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, IncludeFields = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ManagerRefusal))]
[JsonSerializable(typeof(Done))]
[JsonSerializable(typeof(JournalChanged))]
[JsonSerializable(typeof(DirectoryChanged))]
[JsonSerializable(typeof(PutUsers))]
[JsonSerializable(typeof(RemoveUser))]
[JsonSerializable(typeof(PutGroup))]
[JsonSerializable(typeof(RemoveGroup))]
[JsonSerializable(typeof(SetMembership))]
[JsonSerializable(typeof(PutApps))]
[JsonSerializable(typeof(RemoveApp))]
[JsonSerializable(typeof(SetAppAccess))]
[JsonSerializable(typeof(PutSharedLayout))]
[JsonSerializable(typeof(RemoveSharedLayout))]
[JsonSerializable(typeof(GetUserState))]
[JsonSerializable(typeof(SaveUserLayout))]
[JsonSerializable(typeof(DeleteUserLayout))]
[JsonSerializable(typeof(ClearUserLayouts))]
[JsonSerializable(typeof(RenameUserLayout))]
[JsonSerializable(typeof(ChooseDefaultLayout))]
[JsonSerializable(typeof(SavePrefs))]
[JsonSerializable(typeof(DeletePrefs))]
[JsonSerializable(typeof(UserStateView))]
[JsonSerializable(typeof(SavedUserLayout))]
[JsonSerializable(typeof(UserPrefs))]
[JsonSerializable(typeof(OpenSession))]
[JsonSerializable(typeof(CloseSession))]
[JsonSerializable(typeof(TouchSession))]
[JsonSerializable(typeof(GetSessions))]
[JsonSerializable(typeof(IsSessionOpen))]
[JsonSerializable(typeof(SessionOpenness))]
[JsonSerializable(typeof(QueueCommand))]
[JsonSerializable(typeof(GetCommands))]
[JsonSerializable(typeof(CompleteCommand))]
[JsonSerializable(typeof(ManagerSession))]
[JsonSerializable(typeof(ManagerSession[]))]
[JsonSerializable(typeof(ManagerCommand))]
[JsonSerializable(typeof(ManagerCommand[]))]
[JsonSerializable(typeof(StoreCrash))]
[JsonSerializable(typeof(GetCrashes))]
[JsonSerializable(typeof(CrashReport))]
[JsonSerializable(typeof(CrashReport[]))]
[JsonSerializable(typeof(StoreFeedback))]
[JsonSerializable(typeof(GetFeedbacks))]
[JsonSerializable(typeof(FeedbackReport))]
[JsonSerializable(typeof(FeedbackReport[]))]
[JsonSerializable(typeof(GetAuditEntries))]
[JsonSerializable(typeof(AuditEntry[]))]
internal sealed partial class ManagerWireJsonContext : JsonSerializerContext;
