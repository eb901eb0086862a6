using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using IoActors.Manager.State;

namespace IoActors.Manager.Fleet;

/// <summary>A fact as served on the fleet stream: its event name and its data (compact JSON, one line).</summary>
/// <param name="Name">The SSE event name, e.g. <c>session.opened</c>.</param>
/// <param name="Json">The data as UTF-8 JSON without line breaks.</param>
internal sealed record FleetFact(string Name, byte[] Json);

/// <summary>
/// How each persisted fact is named and shaped on the fleet stream (camelCase; members that are null are left out):
/// <list type="table">
/// <item><term><c>session.opened</c></term><description><c>{at, session, user, machine}</c> (machine: the name the client gave in <c>POST /user/hello</c>)</description></item>
/// <item><term><c>session.closed</c></term><description><c>{at, session, evicted}</c> (evicted: dropped to keep within maxSessions)</description></item>
/// <item><term><c>apps.entitlements</c></term><description><c>{at, user, added: [app], removed: [app]}</c></description></item>
/// <item><term><c>crash.reported</c></term><description><c>{at, id, user, session, dumpName, dumpSize, fields: {name: value}}</c></description></item>
/// <item><term><c>feedback.received</c></term><description><c>{at, id, user, session, description}</c></description></item>
/// <item><term><c>admin.change</c></term><description><c>{at, actor, action, target, detail}</c> (an audit entry)</description></item>
/// <item><term><c>platform.&lt;type&gt;</c></term><description><c>{at, type, session, user, machine, batch, received, data: {...}}</c></description></item>
/// <item><term><c>platform.dropped</c></term><description><c>{at, count, session, user, machine, batch}</c> (at: when the batch was received)</description></item>
/// </list>
/// Times are ISO-8601 with their offset (<c>2026-12-02T10:00:00.0000000+00:00</c>).
/// </summary>
internal static class FleetJson
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The fact of a persisted event, or <see langword="null"/> for an event that is not a fleet fact.</summary>
    /// <param name="evt">The event as the journal gave it back.</param>
    /// <returns>The fact.</returns>
    public static FleetFact? Describe(object evt)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        string name;
        using (var w = new Utf8JsonWriter(buffer, s_options))
        {
            w.WriteStartObject();
            switch (evt)
            {
                case SessionOpened opened:
                    name = "session.opened";
                    Time(w, "at", opened.Session.Started);
                    w.WriteString("session", opened.Session.Id);
                    w.WriteString("user", opened.Session.User);
                    Optional(w, "machine", MachineName(opened.Session.Machine));
                    break;
                case SessionClosed closed:
                    name = "session.closed";
                    Time(w, "at", closed.At);
                    w.WriteString("session", closed.Id);
                    w.WriteBoolean("evicted", closed.Evict);
                    break;
                case UserEntitlementsChanged changed:
                    name = "apps.entitlements";
                    Time(w, "at", changed.At);
                    w.WriteString("user", changed.User);
                    Strings(w, "added", changed.Added);
                    Strings(w, "removed", changed.Removed);
                    break;
                case CrashStored crash:
                    name = "crash.reported";
                    Time(w, "at", crash.Report.ReceivedAt);
                    w.WriteString("id", crash.Report.Id);
                    Optional(w, "user", crash.Report.User);
                    Optional(w, "session", crash.Report.Session);
                    Optional(w, "dumpName", crash.Report.DumpName);
                    w.WriteNumber("dumpSize", crash.Report.DumpSize);
                    w.WriteStartObject("fields");
                    foreach (var (key, value) in crash.Report.Fields)
                    {
                        w.WriteString(key, value);
                    }

                    w.WriteEndObject();
                    break;
                case FeedbackStored feedback:
                    name = "feedback.received";
                    Time(w, "at", feedback.Feedback.Date);
                    w.WriteString("id", feedback.Feedback.Id);
                    w.WriteString("user", feedback.Feedback.User);
                    Optional(w, "session", string.IsNullOrEmpty(feedback.Feedback.Session) ? null : feedback.Feedback.Session);
                    w.WriteString("description", feedback.Feedback.Description);
                    break;
                case AuditEntry audit:
                    name = "admin.change";
                    Time(w, "at", audit.At);
                    w.WriteString("actor", audit.Actor);
                    w.WriteString("action", audit.Action);
                    w.WriteString("target", audit.Target);
                    Optional(w, "detail", audit.Detail);
                    break;
                case PlatformEventReported reported:
                    name = "platform." + reported.Type;
                    Time(w, "at", reported.At);
                    w.WriteString("type", reported.Type);
                    Who(w, reported.Session, reported.User, reported.Machine);
                    w.WriteString("batch", reported.Batch);
                    Time(w, "received", reported.Received);
                    w.WritePropertyName("data");
                    w.WriteRawValue(reported.Data, skipInputValidation: false);
                    break;
                case PlatformEventsDropped dropped:
                    name = "platform.dropped";
                    Time(w, "at", dropped.Received);
                    w.WriteNumber("count", dropped.Count);
                    Who(w, dropped.Session, dropped.User, dropped.Machine);
                    w.WriteString("batch", dropped.Batch);
                    break;
                default:
                    return null;
            }

            w.WriteEndObject();
        }

        return new FleetFact(name, buffer.WrittenSpan.ToArray());
    }

    /// <summary>One server-sent event: <c>id: offset</c>, <c>event: name</c>, <c>data: json</c> and a blank line.</summary>
    /// <param name="offset">The journal's global ordering of the fact.</param>
    /// <param name="fact">The fact.</param>
    /// <returns>The UTF-8 bytes.</returns>
    public static byte[] Frame(long offset, FleetFact fact)
    {
        var head = Encoding.UTF8.GetBytes($"id: {offset.ToString(CultureInfo.InvariantCulture)}\nevent: {fact.Name}\ndata: ");
        var frame = new byte[head.Length + fact.Json.Length + 2];
        head.CopyTo(frame, 0);
        fact.Json.CopyTo(frame, head.Length);
        frame[^2] = (byte)'\n';
        frame[^1] = (byte)'\n';
        return frame;
    }

    /// <summary>The <c>name</c> of a client's machine description (JSON text as <c>POST /user/hello</c> sent it), if any.</summary>
    /// <param name="machine">The JSON text.</param>
    /// <returns>The name, or <see langword="null"/>.</returns>
    public static string? MachineName(string machine)
    {
        try
        {
            using var document = JsonDocument.Parse(machine);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                ? name.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Who(Utf8JsonWriter w, string? session, string user, string? machine)
    {
        Optional(w, "session", session);
        w.WriteString("user", user);
        Optional(w, "machine", machine);
    }

    private static void Time(Utf8JsonWriter w, string name, DateTimeOffset value) => w.WriteString(name, value.ToString("O", CultureInfo.InvariantCulture));

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
