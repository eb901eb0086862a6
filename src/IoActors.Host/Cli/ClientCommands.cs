using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Host.Logging;

namespace IoActors.Host.Cli;

/// <summary>The client commands (apps, instances, start, stop, import, events, layouts, stores, dashboard, boot) that talk to a running host.</summary>
internal static partial class ClientCommands
{
    private static readonly JsonSerializerOptions SummaryJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Option<string?> ConfigOption = new("--config", "-c") { Description = "The configuration whose data folder holds the host's discovery file (default: hocon/ioactors.conf).", Recursive = false };
    private static readonly Option<string?> UrlOption = new("--url") { Description = "The host API URL (default: from the discovery file)." };
    private static readonly Option<string?> TokenOption = new("--token") { Description = "The API token (default: from the discovery file)." };

    public static IEnumerable<Command> Create()
    {
        var store = new Option<string?>("--store") { Description = "Only apps of this store (kind or source)." };
        yield return Client(new Command("apps", "List the apps.") { store }, async (p, c, o, ct) =>
        {
            var apps = await c.GetAsync("/api/apps" + (p.GetValue(store) is { } s ? "?store=" + Uri.EscapeDataString(s) : string.Empty), ct);
            Table(o, ["NAME", "TYPE", "TITLE", "STORE"], apps.EnumerateArray().Select(a => new[] { Str(a, "name"), Str(a, "type"), Str(a, "title"), Str(a, "store") ?? Str(a, "source") }));
        });

        yield return Client(new Command("instances", "List the running instances."), async (p, c, o, ct) =>
        {
            var list = await c.GetAsync("/api/instances", ct);
            Table(o, ["ID", "APP", "STATE", "PID", "READY", "TITLE"], list.EnumerateArray().Select(i => new[]
            {
                Str(i, "id"), Str(i, "appName"), Str(i, "state"), i.TryGetProperty("processId", out var pid) ? pid.ToString() : "-",
                i.TryGetProperty("ready", out var r) && r.GetBoolean() ? "yes" : "no", Str(i, "title"),
            }));
        });

        var name = new Argument<string>("name") { Description = "The app to start." };
        var context = new Option<string?>("--context") { Description = "The start context as JSON, e.g. '{\"clientId\": 1}'." };
        yield return Client(new Command("start", "Start an instance of an app.") { name, context }, async (p, c, o, ct) =>
        {
            var body = new StringBuilder("{\"app\":").Append(JsonSerializer.Serialize(p.GetValue(name)));
            if (p.GetValue(context) is { } json)
            {
                try
                {
                    using var _ = JsonDocument.Parse(json);
                }
                catch (JsonException e)
                {
                    throw new CliException($"--context is not valid JSON: {e.Message}");
                }

                body.Append(",\"context\":").Append(json);
            }

            o.WriteLine($"Starting {p.GetValue(name)}...");
            var i = await c.PostAsync("/api/instances", body.Append('}').ToString(), ct);
            o.WriteLine($"Started {Str(i, "appName")}: instance {Str(i, "id")}" + (i.TryGetProperty("processId", out var pid) ? $" (pid {pid})" : string.Empty));
        });

        var id = new Argument<string>("id") { Description = "The instance ID." };
        yield return Client(new Command("stop", "Stop an instance.") { id }, async (p, c, o, ct) =>
        {
            o.WriteLine($"Stopping {p.GetValue(id)}...");
            var stopped = await c.PostAsync($"/api/instances/{Uri.EscapeDataString(p.GetValue(id)!)}/stop", null, ct);
            var exit = stopped.TryGetProperty("exit", out var e) && e.ValueKind == JsonValueKind.Object ? Str(e, "description") : null;
            o.WriteLine($"Stopped {p.GetValue(id)}" + (exit is null ? string.Empty : $" ({exit})"));
        });

        var file = new Argument<FileInfo>("file") { Description = "A JSON file with an app definition, an array of them or {\"apps\": [...]}." };
        var merge = new Option<bool>("--merge") { Description = "Add to the in-memory store instead of replacing its content." };
        yield return Client(new Command("import", "Import app definitions into the in-memory store.") { file, merge }, async (p, c, o, ct) =>
        {
            var f = p.GetValue(file)!;
            var text = await ReadFileAsync(f, ct);

            var result = await c.PostAsync("/api/apps/import" + (p.GetValue(merge) ? "?merge=true" : string.Empty), text, ct);
            foreach (var n in result.GetProperty("imported").EnumerateArray())
            {
                o.WriteLine($"imported {n.GetString()}");
            }

            var shadowed = result.TryGetProperty("shadowed", out var s) && s.ValueKind == JsonValueKind.Array ? s.GetArrayLength() : 0;
            if (shadowed > 0)
            {
                foreach (var x in s.EnumerateArray())
                {
                    o.WriteLine($"shadowed {Str(x, "app")}: {Str(x, "reason")}");
                }
            }

            var errors = result.GetProperty("errors");
            foreach (var e in errors.EnumerateArray())
            {
                o.WriteLine($"error    {Str(e, "app")}: {Str(e, "error")}");
            }

            o.WriteLine($"{result.GetProperty("imported").GetArrayLength()} imported, " + (shadowed > 0 ? $"{shadowed} shadowed, " : string.Empty) + $"{errors.GetArrayLength()} errors.");
            if (errors.GetArrayLength() > 0)
            {
                throw new CliException($"{f}: {errors.GetArrayLength()} definitions were rejected");
            }
        });

        var types = new Option<string?>("--types") { Description = "Only these event types (comma-separated; a trailing * matches a prefix, e.g. Boot*)." };
        var from = new Option<long?>("--from") { Description = "Replay the buffered events after this event ID first (0 = all buffered)." };
        var count = new Option<int?>("--count", "-n") { Description = "Stop after this many events (default: follow until Ctrl+C)." };
        yield return Client(new Command("events", "Follow the platform's event stream, one line per event.") { types, from, count }, async (p, c, o, ct) =>
        {
            var left = p.GetValue(count) ?? int.MaxValue;
            if (left <= 0)
            {
                return;
            }

            await foreach (var (eventId, type, data) in c.EventsAsync(p.GetValue(types), p.GetValue(from), ct))
            {
                o.WriteLine(EventLine(eventId, type, data));
                o.Flush();
                if (--left == 0)
                {
                    return;
                }
            }
        });

        yield return Layouts();
        yield return Stores();
        yield return Dashboard();

        yield return Client(new Command("boot", "Show the boot report: the apps as a table and the stages as a timeline."), async (p, c, o, ct) =>
        {
            var report = await c.GetAsync("/api/boot", ct);
            var start = DateTimeOffset.Parse(Str(report, "startedAt")!, CultureInfo.InvariantCulture);
            string Ms(JsonElement e, string prop) => e.TryGetProperty(prop, out var v) && v.ValueKind == JsonValueKind.String
                ? $"+{(DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture) - start).TotalMilliseconds:0} ms" : "-";
            var ended = report.TryGetProperty("endedAt", out var en) && en.ValueKind == JsonValueKind.String;
            var error = Str(report, "error");
            o.WriteLine($"Boot attempt {report.GetProperty("attempt")}: {(ended ? error is null ? "completed" : "failed: " + error : "running")}" + (ended ? $" in {Ms(report, "endedAt")[1..]}" : string.Empty));
            o.WriteLine();
            Table(o, ["APP", "STAGE", "PRIORITY", "OUTCOME", "REQUESTED", "STARTED", "READY", "ERROR"], report.GetProperty("apps").EnumerateArray().Select(a => new[]
            {
                Str(a, "name"), Str(a, "stage"), a.GetProperty("priority").ToString(), Str(a, "outcome"), Ms(a, "requestedAt"), Ms(a, "startedAt"), Ms(a, "readyAt"), Str(a, "error") ?? string.Empty,
            }));
            o.WriteLine();
            o.WriteLine("Timeline:");
            var total = ended ? (DateTimeOffset.Parse(en.GetString()!, CultureInfo.InvariantCulture) - start).TotalMilliseconds : 0;
            foreach (var s in report.GetProperty("stages").EnumerateArray())
            {
                var from0 = s.TryGetProperty("startedAt", out var sa) && sa.ValueKind == JsonValueKind.String ? (DateTimeOffset.Parse(sa.GetString()!, CultureInfo.InvariantCulture) - start).TotalMilliseconds : -1;
                var to = s.TryGetProperty("endedAt", out var ea) && ea.ValueKind == JsonValueKind.String ? (DateTimeOffset.Parse(ea.GetString()!, CultureInfo.InvariantCulture) - start).TotalMilliseconds : from0;
                o.WriteLine($"  {Str(s, "stage"),-9} {Bar(from0, to, total)} {(from0 < 0 ? "skipped" : $"{from0:0}..{to:0} ms")}");
            }
        });
    }

    private static async Task<string> ReadFileAsync(FileInfo file, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(file.FullName, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{file}: {e.Message}");
        }
    }

    private static Command Client(Command command, Func<ParseResult, HostClient, TextWriter, CancellationToken, Task> run)
    {
        command.Options.Add(ConfigOption);
        command.Options.Add(UrlOption);
        command.Options.Add(TokenOption);
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                using var client = HostClient.Connect(parse.GetValue(ConfigOption), parse.GetValue(UrlOption), parse.GetValue(TokenOption));
                await run(parse, client, output, ct);
                return 0;
            }
            catch (CliException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"ioactors {command.Name}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>One event as a line: its number, the time it happened (local time), its type and a summary.</summary>
    internal static string EventLine(string id, string type, string data)
    {
        string summary = data;
        var time = "--:--:--";
        try
        {
            var node = JsonNode.Parse(data);
            if (node is JsonObject o && o["time"] is JsonValue t && t.TryGetValue<string>(out var text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                time = at.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
                o.Remove("time");
                data = o.ToJsonString(SummaryJson);
                summary = data;
            }

            using var doc = JsonDocument.Parse(data);
            var r = doc.RootElement;
            var parts = new List<string>();
            void Add(JsonElement e, string prop, string label)
            {
                if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(prop, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    parts.Add($"{label}={v}");
                }
            }

            var instance = r.TryGetProperty("instance", out var i) ? i : default;
            Add(instance, "appName", "app");
            Add(instance, "id", "instance");
            Add(instance, "processId", "pid");
            Add(r, "stage", "stage");
            var record = r.TryGetProperty("app", out var a) ? a : r.TryGetProperty("record", out var rec) ? rec : default;
            Add(record, "name", "app");
            Add(record, "outcome", "outcome");
            Add(r, "reason", "reason");
            Add(r, "error", "error");
            summary = parts.Count > 0 ? string.Join(' ', parts.Distinct()) : data.Length > 120 ? data[..117] + "..." : data;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
        }

        // One line whatever the event holds: a value with a line break or a terminal escape cannot forge output.
        return ControlCharacters.Escape($"#{id,-5} {time} {type,-20} {summary}");
    }

    private static string Bar(double from, double to, double total)
    {
        const int width = 30;
        if (from < 0 || total <= 0)
        {
            return new string('.', width);
        }

        var a = (int)Math.Clamp(from / total * width, 0, width - 1);
        var b = (int)Math.Clamp(Math.Ceiling(to / total * width), a + 1, width);
        return new string('.', a) + new string('#', b - a) + new string('.', width - b);
    }

    private static string? Str(JsonElement e, string prop) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(prop, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Null ? null : v.ToString() : null;

    private static void Table(TextWriter o, string[] headers, IEnumerable<string?[]> rows)
    {
        var all = rows.Select(r => r.Select(c => c is null ? "-" : ControlCharacters.Escape(c)).ToArray()).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
        o.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var r in all)
        {
            o.WriteLine(string.Join("  ", r.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }

        if (all.Count == 0)
        {
            o.WriteLine("(none)");
        }
    }
}
