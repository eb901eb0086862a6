using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using IoActors.Manager.State;

namespace IoActors.Manager.Fleet;

// The fleet's own persisted facts. Each type has a stable manifest (FleetFacts.SerializerTypes, spliced into
// ManagerSerializer.Types); a new shape gets a new manifest.

/// <summary>
/// A directory change changed which apps a directory user sees: persisted by the directory in the same atomic write as
/// the change, one per affected user. It is a fact for the fleet stream only: the directory's state ignores it on replay.
/// </summary>
/// <param name="User">The user's id.</param>
/// <param name="Added">The apps the user sees from now on, by name (ordinal ignoring case).</param>
/// <param name="Removed">The apps the user no longer sees, by name.</param>
/// <param name="At">When the change was decided.</param>
internal sealed record UserEntitlementsChanged(string User, IReadOnlyList<string> Added, IReadOnlyList<string> Removed, DateTimeOffset At);

/// <summary>An event a platform reported in a batch (<c>POST /user/events</c>), with who reported it.</summary>
/// <param name="Type">The platform's event type (1 to 64 characters of <c>[A-Za-z0-9._-]</c>).</param>
/// <param name="At">When it happened, as the platform says.</param>
/// <param name="Data">The event's data: a JSON object's text, compact (no line breaks).</param>
/// <param name="Session">The session of the request's session token; <see langword="null"/> when the caller sent none.</param>
/// <param name="User">The authenticated user.</param>
/// <param name="Machine">The session's machine name (as <c>POST /user/hello</c> gave it); <see langword="null"/> without a session.</param>
/// <param name="Batch">The batch id the platform gave.</param>
/// <param name="Received">When the server received the batch.</param>
internal sealed record PlatformEventReported(string Type, DateTimeOffset At, string Data, string? Session, string User, string? Machine, string Batch, DateTimeOffset Received);

/// <summary>A platform said it dropped events since its previous batch (the batch's <c>dropped</c> was above 0).</summary>
/// <param name="Count">How many events it dropped.</param>
/// <param name="Session">The session of the request's session token, or <see langword="null"/>.</param>
/// <param name="User">The authenticated user.</param>
/// <param name="Machine">The session's machine name, or <see langword="null"/>.</param>
/// <param name="Batch">The batch that told it.</param>
/// <param name="Received">When the server received the batch.</param>
internal sealed record PlatformEventsDropped(long Count, string? Session, string User, string? Machine, string Batch, DateTimeOffset Received);

/// <summary>The fleet stream's tag, and which persisted types carry it.</summary>
internal static class FleetFacts
{
    /// <summary>The tag every fleet fact is journaled with.</summary>
    public const string Tag = "fleet";

    /// <summary>The persisted types the write event adapter tags (the bindings of <see cref="FleetTagger"/>).</summary>
    public static readonly IReadOnlyList<Type> TaggedTypes =
    [
        typeof(SessionOpened),
        typeof(SessionClosed),
        typeof(CrashStored),
        typeof(FeedbackStored),
        typeof(AuditEntry),
        typeof(UserEntitlementsChanged),
        typeof(PlatformEventReported),
        typeof(PlatformEventsDropped),
    ];

    /// <summary>The fleet's persisted types with their manifests and JSON metadata, for <c>ManagerSerializer.Types</c>.</summary>
    public static IEnumerable<(Type Type, string Manifest, JsonTypeInfo Info)> SerializerTypes =>
    [
        (typeof(UserEntitlementsChanged), "ioactors.manager.user-entitlements-changed.v1", FleetJsonContext.Default.UserEntitlementsChanged),
        (typeof(PlatformEventReported), "ioactors.manager.platform-event-reported.v1", FleetJsonContext.Default.PlatformEventReported),
        (typeof(PlatformEventsDropped), "ioactors.manager.platform-events-dropped.v1", FleetJsonContext.Default.PlatformEventsDropped),
    ];
}

/// <summary>The build-time JSON metadata of the fleet's persisted facts (camelCase, nulls left out), as ManagerJsonContext's.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UserEntitlementsChanged))]
[JsonSerializable(typeof(PlatformEventReported))]
[JsonSerializable(typeof(PlatformEventsDropped))]
internal sealed partial class FleetJsonContext : JsonSerializerContext;
