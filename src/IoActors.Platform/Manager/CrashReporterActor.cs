using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using IoActors.Platform.Instances;

namespace IoActors.Platform.Manager;

/// <summary>Where crash reports go and who sends them.</summary>
/// <param name="Url">The URL reports are posted to (<c>crashReporter.output.serverUrl</c>, or <c>{server.url}/crashes</c>).</param>
/// <param name="Session">The io.Manager session whose credentials go with the reports when <paramref name="Url"/> is under its URL; else <see langword="null"/>.</param>
/// <param name="User">The platform's user (the <c>user</c> field).</param>
/// <param name="RequestTimeout">The timeout of one report's request.</param>
/// <param name="Clock">The clock of the report's time and of the request timeout.</param>
internal sealed record CrashReporterSettings(Uri Url, ManagerSession? Session, string User, TimeSpan RequestTimeout, TimeProvider Clock)
{
    /// <summary>The most reports waiting to be sent; a crash past it is logged, not reported. The default is 16.</summary>
    public int MaxQueued { get; init; } = 16;

    /// <summary>The largest text report (the file part). The default is 64 KiB.</summary>
    public int MaxReportBytes { get; init; } = 64 * 1024;
}

/// <summary>Published once a crash report was posted (<paramref name="Status"/> 0 and <paramref name="Error"/> when it could not be).</summary>
internal sealed record CrashReportSent(string InstanceId, int Status, string? ReportId, string? Error);

/// <summary>
/// Sends a crash report (at /user/platform/crash-reporter) when an instance's process ends on its own with a non-zero exit
/// code or a signal: an <see cref="InstanceStopped"/> that was not requested, or an <see cref="InstanceRestarting"/> (the
/// restart policy starts it again). A stop the platform or a user asked for, and a clean exit, send none. The report is one
/// multipart/form-data POST with the fields <c>app</c>, <c>instance</c>, <c>exitCode</c>, <c>signal</c> (the number; empty
/// when none), <c>user</c>, <c>machine</c>, <c>version</c>, <c>platform</c> (<c>ioactors</c>) and <c>reason</c> (one line), and
/// the file part <c>upload_file_minidump</c>: a short text report (app, instance, command line, exit, time; the process's
/// output is not kept by the platform), at most <see cref="CrashReporterSettings.MaxReportBytes"/>. Reports go one at a time;
/// at most <see cref="CrashReporterSettings.MaxQueued"/> wait. A failed report is logged and not sent again.
/// </summary>
internal sealed class CrashReporterActor : ReceiveActor
{
    private const long MaxAnswerBytes = 64 * 1024;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CrashReporterSettings _settings;
    private readonly IActorRef _registry;
    private readonly Queue<CrashReport> _queue = new();
    private readonly HttpClient? _client;
    private bool _sending;

    public CrashReporterActor(CrashReporterSettings settings, IActorRef registry)
    {
        _settings = settings;
        _registry = registry;
        if (settings.Session is null)
        {
            _client = HttpFetcher.CreateClient(null, false, rejectUnauthorized: true);
        }

        Receive<InstanceStopped>(m => !m.Requested && m.Exit is { IsFailure: true }, m => Crashed(m.Instance, m.Exit!, m.Reason));
        Receive<InstanceRestarting>(m => m.Exit.IsFailure, m => Crashed(m.Instance, m.Exit, $"exited ({m.Exit.Description}); restart {m.Attempt} follows"));
        Receive<InstanceEvent>(_ => { });
        Receive<CrashReport>(Enqueue);
        Receive<CrashReportSent>(OnSent);
    }

    public static Props Props(CrashReporterSettings settings, IActorRef registry) =>
        Akka.Actor.Props.Create(() => new CrashReporterActor(settings, registry));

    /// <summary>Subscribes the reporter to instance ends; called by its parent right after creating it, before any instance starts.</summary>
    public static void Subscribe(EventStream stream, IActorRef reporter)
    {
        stream.Subscribe(reporter, typeof(InstanceStopped));
        stream.Subscribe(reporter, typeof(InstanceRestarting));
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _client?.Dispose();
    }

    private void Crashed(InstanceInfo instance, InstanceExit exit, string reason)
    {
        var at = _settings.Clock.GetUtcNow();

        // The definition gives the command line; a missing one (the app was removed meanwhile) leaves it out.
        _registry.Ask<AppLookup>(new GetApp(instance.AppName), TimeSpan.FromSeconds(10))
            .ContinueWith(t => new CrashReport(instance, exit, ManagerWire.OneLine(reason), t.IsCompletedSuccessfully ? t.Result.App?.Definition : null, at), TaskScheduler.Default)
            .PipeTo(Self);
    }

    private void Enqueue(CrashReport report)
    {
        if (_queue.Count >= _settings.MaxQueued)
        {
            _log.Warning("Crash of {App} instance {Instance} ({Exit}) is not reported: {Count} reports wait already", report.Instance.AppName, report.Instance.Id, report.Exit.Description, _queue.Count);
            return;
        }

        _queue.Enqueue(report);
        SendNext();
    }

    private void SendNext()
    {
        if (_sending || !_queue.TryDequeue(out var report))
        {
            return;
        }

        _sending = true;
        SendAsync(report).PipeTo(Self, Self, r => r, e => new CrashReportSent(report.Instance.Id, 0, null, $"{e.GetType().Name}: {e.Message}"));
    }

    private void OnSent(CrashReportSent sent)
    {
        _sending = false;
        if (sent.Error is null)
        {
            _log.Info("Crash report of instance {Instance} sent to {Url} (id {Id})", sent.InstanceId, _settings.Url, sent.ReportId ?? "none");
        }
        else
        {
            _log.Warning("Crash report of instance {Instance} could not be sent (it is not sent again): {Error}", sent.InstanceId, sent.Error);
        }

        Context.System.EventStream.Publish(sent);
        SendNext();
    }

    private async Task<CrashReportSent> SendAsync(CrashReport report)
    {
        var fields = Fields(report);
        var file = Encoding.UTF8.GetBytes(Text(report, fields));
        HttpContent Content()
        {
            var content = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                content.Add(new StringContent(value, Encoding.UTF8), name);
            }

            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
            content.Add(part, "upload_file_minidump", $"crash-{report.Instance.Id}.txt");
            return content;
        }

        FetchResult result;
        if (_settings.Session is { } session)
        {
            result = await session.SendAsync(HttpMethod.Post, _settings.Url, Content, MaxAnswerBytes, "the limit of a crash report answer").ConfigureAwait(false);
        }
        else
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _settings.Url) { Content = Content() };
            request.Headers.Accept.ParseAdd("application/json");
            result = await HttpFetcher.SendAsync(_client!, request, _settings.RequestTimeout, _settings.Clock, MaxAnswerBytes, "the limit of a crash report answer", CancellationToken.None).ConfigureAwait(false);
        }

        if (!result.IsSuccess)
        {
            var cause = result.Error is null && result.Status == 413
                ? $"{ManagerWire.Describe(result, "POST")} (the report of {file.Length} bytes is too large for the server)"
                : ManagerWire.Describe(result, "POST");
            return new CrashReportSent(report.Instance.Id, result.Status, null, cause);
        }

        var (root, _) = result.Body.Length > 0 ? ManagerWire.Json(result, result.Url) : (default, null);
        return new CrashReportSent(report.Instance.Id, result.Status, ManagerWire.Text(root, "id"), null);
    }

    private List<(string Name, string Value)> Fields(CrashReport report) =>
    [
        ("app", report.Instance.AppName),
        ("instance", report.Instance.Id),
        ("exitCode", report.Exit.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? string.Empty),
        ("signal", report.Exit.Signal?.ToString(CultureInfo.InvariantCulture) ?? string.Empty),
        ("user", _settings.User),
        ("machine", Environment.MachineName),
        ("version", ManagerClientInfo.Version),
        ("platform", "ioactors"),
        ("reason", report.Reason),
    ];

    // The file part: what is known of the crash, bounded.
    private string Text(CrashReport report, List<(string Name, string Value)> fields)
    {
        var text = new StringBuilder();
        text.Append("IoActors crash report\n");
        foreach (var (name, value) in fields)
        {
            text.Append(name).Append(": ").Append(value).Append('\n');
        }

        text.Append("exit: ").Append(report.Exit.Description).Append('\n');
        text.Append("type: ").Append(report.Instance.AppType.ToString().ToLowerInvariant()).Append('\n');
        text.Append("processId: ").Append(report.Instance.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "unknown").Append('\n');
        text.Append("commandLine: ").Append(report.Definition is { } definition ? CommandLineOf(definition) : "unknown (the app is no longer registered)").Append('\n');
        text.Append("startedAt: ").Append(report.Instance.StartedAt.ToString("O", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("endedAt: ").Append(report.At.ToString("O", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("restarts: ").Append(report.Instance.RestartCount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("os: ").Append(ManagerClientInfo.OsName).Append(' ').Append(System.Runtime.InteropServices.RuntimeInformation.OSDescription).Append('\n');
        text.Append("output: not captured (app processes write to the platform's own standard streams)\n");
        var full = text.ToString();
        return Encoding.UTF8.GetByteCount(full) <= _settings.MaxReportBytes ? full : full[..Math.Min(full.Length, _settings.MaxReportBytes / 4)] + "\n[cut at the report's size limit]\n";
    }

    // The program and parameters of the definition, as the launchers read them.
    private static string CommandLineOf(AppDefinition definition)
    {
        string? Detail(string name) =>
            definition.Details.ValueKind == JsonValueKind.Object && definition.Details.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        var program = definition.Type == AppType.Node ? $"node {Detail("path")}" : Detail("command") is { } command ? Path.Combine(Detail("path") ?? string.Empty, command) : Detail("path") ?? Detail("url") ?? string.Empty;
        return ManagerWire.OneLine(string.Join(' ', new[] { program, Detail("parameters") }.Where(p => !string.IsNullOrWhiteSpace(p))));
    }

    /// <summary>One crash to report.</summary>
    private sealed record CrashReport(InstanceInfo Instance, InstanceExit Exit, string Reason, AppDefinition? Definition, DateTimeOffset At);
}
