using System.Collections.Frozen;
using System.Text.Json;
using IoActors.Platform.Boot;
using IoActors.Platform.Hosting;

namespace IoActors.Platform.Persistence;

/// <summary>
/// Reads the payloads of the previous journal: JSON written by System.Text.Json with web defaults and fields included,
/// under the "Namespace.Type, Assembly" name of the platform type that was persisted.
/// </summary>
internal static class LegacyPayloads
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web) { IncludeFields = true };

    private static readonly FrozenDictionary<string, Type> s_types = new[]
    {
        typeof(InMemoryAppsPersisted),
        typeof(InstanceHistoryEntry),
        typeof(RemoteStoreCachePersisted),
        typeof(BootReport),
    }.ToFrozenDictionary(t => $"{t.FullName}, {t.Assembly.GetName().Name}", StringComparer.Ordinal);

    /// <summary>
    /// The payload as the platform type it was, or a <see cref="LegacyJournalEntry"/> holding the stored text when its
    /// manifest names no platform type or its JSON does not fit the type (then <paramref name="problem"/> says why).
    /// </summary>
    public static object Read(string manifest, string json, out string? problem)
    {
        if (!s_types.TryGetValue(manifest, out var type))
        {
            problem = $"manifest '{manifest}' names no persisted platform type";
            return new LegacyJournalEntry(manifest, json);
        }

        try
        {
            var value = JsonSerializer.Deserialize(json, type, s_options);
            if (value is not null)
            {
                problem = null;
                return value;
            }

            problem = "the stored JSON is null";
        }
        catch (JsonException e)
        {
            problem = $"the stored JSON does not fit {type.Name} (line {e.LineNumber}, byte {e.BytePositionInLine}, path {e.Path})";
        }

        return new LegacyJournalEntry(manifest, json);
    }
}
