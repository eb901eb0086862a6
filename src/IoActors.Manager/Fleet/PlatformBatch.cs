using System.Text;
using System.Text.Json;
using IoActors.Manager.Http;

namespace IoActors.Manager.Fleet;

/// <summary>One event of a batch as read: its type, when it happened, and its data as compact JSON text.</summary>
/// <param name="Type">The type.</param>
/// <param name="At">When it happened.</param>
/// <param name="Data">A JSON object's text without insignificant white space (so without line breaks).</param>
internal sealed record PlatformEvent(string Type, DateTimeOffset At, string Data);

/// <summary>
/// A batch a platform posts to <c>POST /user/events</c>:
/// <c>{"batch": ID, "events": [{"type", "at", "data"}], "dropped": N}</c>. <see cref="Read"/> checks every field and
/// refuses the whole batch with each problem named (<c>events[3].type: …</c>).
/// </summary>
/// <param name="Batch">The batch id (1 to 64 characters, no control characters).</param>
/// <param name="Events">The events, in order.</param>
/// <param name="Dropped">How many events the platform dropped since its previous batch.</param>
internal sealed record PlatformBatch(string Batch, IReadOnlyList<PlatformEvent> Events, long Dropped)
{
    /// <summary>The most events one batch holds (more: 413).</summary>
    public const int MaxEvents = 1000;

    /// <summary>The most bytes of one event's data as compact UTF-8 JSON.</summary>
    public const int MaxDataBytes = 16 * 1024;

    /// <summary>The longest batch id and event type.</summary>
    public const int MaxIdLength = 64;

    /// <summary>The type a platform may not report: <c>platform.dropped</c> is the server's fact of dropped events.</summary>
    public const string ReservedType = "dropped";

    private const int MaxProblems = 20;

    /// <summary>Reads and checks a batch.</summary>
    /// <param name="body">The request body, a JSON object.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ManagerException">400 naming each bad field, or 413 for more than <see cref="MaxEvents"/> events.</exception>
    public static PlatformBatch Read(JsonElement body)
    {
        var problems = new List<string>();
        var batch = ReadBatchId(body, problems);
        var dropped = ReadDropped(body, problems);
        var events = new List<PlatformEvent>();
        if (!body.TryGetProperty("events", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            problems.Add(array.ValueKind == JsonValueKind.Undefined ? "events: required, an array" : $"events: {Fields.Describe(array)} must be an array");
        }
        else if (array.GetArrayLength() > MaxEvents)
        {
            throw ManagerException.TooLarge($"events: {array.GetArrayLength()} events; a batch holds at most {MaxEvents} (send the rest in another batch)");
        }
        else
        {
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                if (ReadEvent(item, $"events[{i}]", problems) is { } e)
                {
                    events.Add(e);
                }

                i++;
            }
        }

        if (problems.Count > 0)
        {
            var detail = string.Join("; ", problems.Take(MaxProblems)) + (problems.Count > MaxProblems ? $"; and {problems.Count - MaxProblems} more" : string.Empty);
            throw ManagerException.BadRequest($"nothing was stored: {detail}", [.. problems.Take(100)]);
        }

        return new PlatformBatch(batch!, events, dropped);
    }

    private static string? ReadBatchId(JsonElement body, List<string> problems)
    {
        if (!body.TryGetProperty("batch", out var value) || value.ValueKind != JsonValueKind.String)
        {
            problems.Add(value.ValueKind == JsonValueKind.Undefined ? "batch: required, a string of 1 to 64 characters" : $"batch: {Fields.Describe(value)} must be a string of 1 to 64 characters");
            return null;
        }

        var id = value.GetString()!;
        if (id.Length is 0 or > MaxIdLength)
        {
            problems.Add($"batch: {id.Length} characters; 1 to {MaxIdLength} are allowed");
            return null;
        }

        if (id.Any(c => char.IsControl(c) || char.IsSurrogate(c)))
        {
            problems.Add($"batch: '{State.Names.Printable(id)}' holds a control or unpaired surrogate character");
            return null;
        }

        return id;
    }

    private static long ReadDropped(JsonElement body, List<string> problems)
    {
        if (!body.TryGetProperty("dropped", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var count) && count >= 0)
        {
            return count;
        }

        problems.Add($"dropped: {Fields.Describe(value)} must be a non-negative integer");
        return 0;
    }

    private static PlatformEvent? ReadEvent(JsonElement item, string path, List<string> problems)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path}: {Fields.Describe(item)} must be an object {{type, at, data}}");
            return null;
        }

        var before = problems.Count;
        string? type = null;
        if (!item.TryGetProperty("type", out var typeValue) || typeValue.ValueKind != JsonValueKind.String)
        {
            problems.Add(typeValue.ValueKind == JsonValueKind.Undefined ? $"{path}.type: required, a string" : $"{path}.type: {Fields.Describe(typeValue)} must be a string");
        }
        else if (!IsType(type = typeValue.GetString()!))
        {
            problems.Add($"{path}.type: '{State.Names.Printable(type)}' must be 1 to {MaxIdLength} characters of A-Z, a-z, 0-9, '.', '_' and '-'");
        }
        else if (type == ReservedType)
        {
            problems.Add($"{path}.type: '{ReservedType}' is reserved (platform.dropped is the server's fact of the batch's 'dropped' count)");
        }

        DateTimeOffset at = default;
        if (!item.TryGetProperty("at", out var atValue) || atValue.ValueKind != JsonValueKind.String)
        {
            problems.Add(atValue.ValueKind == JsonValueKind.Undefined ? $"{path}.at: required, an ISO-8601 date and time" : $"{path}.at: {Fields.Describe(atValue)} must be an ISO-8601 date and time string");
        }
        else if (!atValue.TryGetDateTimeOffset(out at))
        {
            problems.Add($"{path}.at: {Fields.Describe(atValue)} is not an ISO-8601 date and time (e.g. 2026-12-02T10:00:00Z)");
        }

        var data = "{}";
        if (item.TryGetProperty("data", out var dataValue) && dataValue.ValueKind != JsonValueKind.Null)
        {
            if (dataValue.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{path}.data: {Fields.Describe(dataValue)} must be a JSON object");
            }
            else
            {
                var compact = Compact(dataValue);
                if (compact.Length > MaxDataBytes)
                {
                    problems.Add($"{path}.data: {compact.Length} bytes of JSON; at most {MaxDataBytes} are allowed");
                }
                else
                {
                    data = Encoding.UTF8.GetString(compact);
                }
            }
        }

        return problems.Count == before ? new PlatformEvent(type!, at, data) : null;
    }

    private static bool IsType(string type) =>
        type.Length is > 0 and <= MaxIdLength && type.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-');

    // The data re-written without insignificant white space: what is stored and served on one SSE data line.
    private static byte[] Compact(JsonElement value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            value.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
