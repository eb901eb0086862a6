namespace IoActors.Manager.State;

// The server's persisted records and events. Each type has a stable manifest in ManagerSerializer; a new shape gets a new manifest.

/// <summary>A user the server knows: Basic users have a password hash; token users may exist only to hold groups.</summary>
internal sealed record ManagerUser(string Id, string? PasswordHash, string? Email, bool Admin, IReadOnlyList<string> Groups, DateTimeOffset Updated);

/// <summary>Who sees an app: everyone, or the listed users and the members of the listed groups.</summary>
internal sealed record AppAccess(bool Everyone, IReadOnlyList<string> Users, IReadOnlyList<string> Groups)
{
    public static AppAccess Nobody { get; } = new(false, [], []);

    public static AppAccess All { get; } = new(true, [], []);
}

/// <summary>An app definition as validated (its JSON text) and who sees it.</summary>
internal sealed record ManagerApp(string Name, string Definition, AppAccess Access, DateTimeOffset Updated);

/// <summary>A layout an admin shares: with everyone (<paramref name="Public"/>) or with the users and groups of the access list.</summary>
internal sealed record SharedLayout(string Id, string Type, string Name, string Definition, string? Owner, bool Public, IReadOnlyList<string> AccessList, bool Default, DateTimeOffset Updated);

internal sealed record UserSaved(ManagerUser User);

internal sealed record UserDeleted(string Id);

internal sealed record GroupSaved(string Name);

internal sealed record GroupDeleted(string Name);

internal sealed record AppsSaved(IReadOnlyList<ManagerApp> Apps);

internal sealed record AppDeleted(string Name);

internal sealed record SharedLayoutSaved(SharedLayout Layout);

internal sealed record SharedLayoutDeleted(string Id);

internal sealed record DirectorySnapshot(IReadOnlyList<ManagerUser> Users, IReadOnlyList<string> Groups, IReadOnlyList<ManagerApp> Apps, IReadOnlyList<SharedLayout> Layouts);

/// <summary>A user's private layout; <paramref name="Definition"/> is the layout's JSON text as the client sent it.</summary>
internal sealed record UserLayout(string Id, string Type, string Name, string Definition, DateTimeOffset Updated);

/// <summary>An app's preferences for a user (<paramref name="Data"/>: a JSON object's text).</summary>
internal sealed record UserPrefs(string App, string Data, DateTimeOffset LastUpdate);

internal sealed record UserLayoutSaved(UserLayout Layout);

internal sealed record UserLayoutDeleted(string Id);

internal sealed record UserLayoutsCleared;

internal sealed record UserDefaultLayoutChosen(string? Id);

internal sealed record UserPrefsSaved(UserPrefs Prefs);

/// <summary>One app's preferences (or, with <paramref name="App"/> <see langword="null"/>, all of them) were removed.</summary>
internal sealed record UserPrefsDeleted(string? App);

internal sealed record UserStateSnapshot(IReadOnlyList<UserLayout> Layouts, string? DefaultLayout, IReadOnlyList<UserPrefs> Prefs);

/// <summary>A client's session: who, from which machine, with which client versions (both as JSON text as sent), and when.</summary>
internal sealed record ManagerSession(string Id, string User, string Machine, string Glue, DateTimeOffset Started, DateTimeOffset LastSeen, DateTimeOffset? Closed);

/// <summary>A command an admin queued for a session, and its result once the client posted one.</summary>
internal sealed record ManagerCommand(
    string Id,
    string Session,
    string User,
    string Machine,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string Command,
    string? CommandParams,
    string Status,
    string? ResultType,
    string? ResultData,
    DateTimeOffset? ResultAt);

internal sealed record SessionOpened(ManagerSession Session);

/// <summary>A session was closed (by goodbye), or with <see cref="Evict"/> dropped to keep within manager.limits.maxSessions.</summary>
internal sealed record SessionClosed(string Id, DateTimeOffset At)
{
    public bool Evict { get; init; }
}

internal sealed record SessionSeen(string Id, DateTimeOffset At);

internal sealed record CommandQueued(ManagerCommand Command);

internal sealed record CommandCompleted(string Id, string ResultType, string? ResultData, DateTimeOffset At);

internal sealed record SessionsSnapshot(IReadOnlyList<ManagerSession> Sessions, IReadOnlyList<ManagerCommand> Commands);

/// <summary>A crash report: its form fields, and the dump kept in the data folder's <c>crashes</c> folder.</summary>
internal sealed record CrashReport(string Id, DateTimeOffset ReceivedAt, string? User, string? Session, IReadOnlyDictionary<string, string> Fields, string? DumpName, long DumpSize, string? DumpFile);

/// <summary>Feedback a user sent (<c>POST /user/feedbacks</c>).</summary>
internal sealed record FeedbackReport(string Id, DateTimeOffset Date, string User, string Session, string Description, string Attachment, bool Reviewed, string? Comment);

internal sealed record CrashStored(CrashReport Report);

internal sealed record CrashDropped(string Id);

internal sealed record FeedbackStored(FeedbackReport Feedback);

internal sealed record ReportsSnapshot(IReadOnlyList<CrashReport> Crashes, IReadOnlyList<FeedbackReport> Feedbacks);

/// <summary>An admin change: who, what, on what, when.</summary>
internal sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Target, string? Detail);

internal sealed record AuditSnapshot(IReadOnlyList<AuditEntry> Entries);
