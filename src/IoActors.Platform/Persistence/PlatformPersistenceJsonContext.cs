using System.Text.Json;
using System.Text.Json.Serialization;
using IoActors.Platform.Boot;
using IoActors.Platform.Hosting;
using IoActors.Platform.Layouts;
using IoActors.Platform.Preferences;

namespace IoActors.Platform.Persistence;

/// <summary>
/// The System.Text.Json metadata of every persisted platform type, generated at build time (no reflection at run time).
/// camelCase names, enums as their names (so reordering an enum does not change stored data), computed getters
/// (e.g. <see cref="BootReport.Finished"/>) left out, nulls left out.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    IgnoreReadOnlyProperties = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InMemoryAppsPersisted))]
[JsonSerializable(typeof(InstanceHistoryEntry))]
[JsonSerializable(typeof(RemoteStoreCachePersisted))]
[JsonSerializable(typeof(BootReport))]
[JsonSerializable(typeof(InstanceProcessesPersisted))]
[JsonSerializable(typeof(InstanceHistorySnapshot))]
[JsonSerializable(typeof(BootReportsSnapshot))]
[JsonSerializable(typeof(LegacyJournalEntry))]
[JsonSerializable(typeof(LegacyDeletedEvents))]
[JsonSerializable(typeof(PreferencesStored))]
[JsonSerializable(typeof(PreferencesRemoved))]
[JsonSerializable(typeof(PreferencesReplaced))]
[JsonSerializable(typeof(PreferencesSnapshot))]
[JsonSerializable(typeof(LayoutStored))]
[JsonSerializable(typeof(LayoutDeleted))]
[JsonSerializable(typeof(LayoutNameChanged))]
[JsonSerializable(typeof(LayoutsImported))]
[JsonSerializable(typeof(DefaultLayoutStored))]
[JsonSerializable(typeof(LayoutsSnapshot))]
internal sealed partial class PlatformPersistenceJsonContext : JsonSerializerContext;
