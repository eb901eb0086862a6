using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Apps.Definitions;
using IoActors.Platform.Boot;
using IoActors.Platform.Instances;

namespace IoActors.Platform.Manager;

/// <summary>
/// One instance or boot event as io.Manager's <c>POST /user/events</c> takes it: <c>{"type", "at", "data"}</c>, where
/// <c>type</c> is the event's type name (<c>InstanceStarted</c>, <c>BootCompleted</c>, …), <c>at</c> the ISO-8601 UTC time
/// the platform saw it, with milliseconds, and <c>data</c> an object of the event's useful fields (never an instance's
/// context; a boot report as its summary), at most <see cref="MaxDataBytes"/> of JSON: long strings are cut to fit.
/// </summary>
internal static class FleetEventJson
{
    /// <summary>The largest <c>data</c> object, in bytes of JSON text (16 KiB).</summary>
    public const int MaxDataBytes = 16 * 1024;

    /// <summary>The most apps a boot summary names among those that failed, timed out or were refused.</summary>
    public const int MaxNamedApps = 20;

    private const string CutMark = "...";

    // The longest string tried first, then shorter ones until the data fits.
    private static readonly int[] s_stringLimits = [4096, 1024, 256, 64];

    /// <summary>The event as the JSON text of one item of <c>events</c>, or <see langword="null"/> for a type it does not send.</summary>
    public static string? Serialize(object e, DateTimeOffset at)
    {
        var type = e.GetType().Name;
        if (!IsTypeName(type) || e is not (InstanceEvent or BootEvent))
        {
            return null;
        }

        return new JsonObject { ["type"] = type, ["at"] = Time(at), ["data"] = Data(e) }.ToJsonString();
    }

    /// <summary>Whether a name is 1 to 64 characters of <c>[A-Za-z0-9._-]</c>, as io.Manager takes event types.</summary>
    public static bool IsTypeName(string name) =>
        name.Length is >= 1 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>An instant as ISO-8601 UTC with milliseconds, e.g. <c>2026-12-02T10:00:00.000Z</c>.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The <c>data</c> object of an event, its strings cut until its JSON is at most <see cref="MaxDataBytes"/>.</summary>
    public static JsonObject Data(object e)
    {
        foreach (var limit in s_stringLimits)
        {
            var data = Build(e, limit);
            if (Encoding.UTF8.GetByteCount(data.ToJsonString()) <= MaxDataBytes)
            {
                return data;
            }
        }

        return new JsonObject { ["cut"] = "the event's fields do not fit in 16 KiB" };
    }

    private static JsonObject Build(object e, int limit)
    {
        string? Cut(string? text) => text is null || text.Length <= limit ? text : CutText(text, limit);

        switch (e)
        {
            case InstanceStarted started:
                return Instance(started.Instance, Cut);
            case InstanceUpdated updated:
            {
                var data = Instance(updated.Instance, Cut);
                data["changes"] = new JsonArray([.. Changes(updated.Changes).Select(c => (JsonNode?)c)]);
                return data;
            }

            case InstanceRestarting restarting:
            {
                var data = Instance(restarting.Instance, Cut);
                Exit(data, restarting.Exit, Cut);
                data["attempt"] = restarting.Attempt;
                data["delayMs"] = (long)restarting.Delay.TotalMilliseconds;
                return data;
            }

            case InstanceStopped stopped:
            {
                var data = Instance(stopped.Instance, Cut);
                Exit(data, stopped.Exit, Cut);
                data["reason"] = Cut(stopped.Reason);
                data["requested"] = stopped.Requested;
                return data;
            }

            case InstanceStartFailed failed:
            {
                var data = Instance(failed.Instance, Cut);
                data["error"] = Cut(failed.Reason);
                return data;
            }

            case InstanceEvent other:
                return new JsonObject { ["instanceId"] = Cut(other.InstanceId), ["app"] = Cut(other.AppName) };
            case BootEvent boot:
                return Boot(boot, Cut);
            default:
                return [];
        }
    }

    private static JsonObject Boot(BootEvent e, Func<string?, string?> cut)
    {
        var data = new JsonObject { ["attempt"] = e.Attempt };
        switch (e)
        {
            case StoresReady ready:
                data["apps"] = ready.Apps;
                break;
            case StageStarted started:
                data["stage"] = StageName(started.Stage);
                break;
            case StageCompleted completed:
                data["stage"] = StageName(completed.Stage);
                break;
            case IdentityResolved identity:
                data["user"] = cut(identity.Identity.User);
                data["identitySource"] = cut(identity.Identity.Source);
                break;
            case AppBootEvent app:
                data["app"] = cut(app.App.Name);
                data["store"] = cut(app.App.StoreId);
                data["stage"] = StageName(app.App.Stage);
                data["critical"] = app.App.Critical;
                data["wait"] = JsonNamingPolicy.CamelCase.ConvertName(app.App.Wait.ToString());
                data["outcome"] = JsonNamingPolicy.CamelCase.ConvertName(app.App.Outcome.ToString());
                data["instanceId"] = cut(app.App.InstanceId);
                data["error"] = cut(app.App.Error);
                break;
            case BootCompleted completed:
                Summary(data, completed.Report, cut);
                break;
            case BootFailed failed:
                data["error"] = cut(failed.Error);
                Summary(data, failed.Report, cut);
                break;
        }

        return data;
    }

    // A boot report's summary: times, counts by outcome, the user, and the names of the apps that did not come up.
    private static void Summary(JsonObject data, BootReport report, Func<string?, string?> cut)
    {
        data["startedAt"] = Time(report.StartedAt);
        data["endedAt"] = report.EndedAt is { } ended ? Time(ended) : null;
        data["durationMs"] = report.EndedAt is { } end ? (long)(end - report.StartedAt).TotalMilliseconds : null;
        data["succeeded"] = report.Succeeded;
        data["user"] = cut(report.Identity?.User);
        data["stages"] = report.Stages.Count;
        data["apps"] = report.Apps.Count;
        foreach (var outcome in new[] { AppBootOutcome.Ready, AppBootOutcome.Started, AppBootOutcome.TimedOut, AppBootOutcome.Failed, AppBootOutcome.Refused })
        {
            data[JsonNamingPolicy.CamelCase.ConvertName(outcome.ToString())] = report.Apps.Count(a => a.Outcome == outcome);
        }

        var notUp = report.Apps.Where(a => a.Outcome is AppBootOutcome.TimedOut or AppBootOutcome.Failed or AppBootOutcome.Refused).ToList();
        data["appsNotUp"] = new JsonArray([.. notUp.Take(MaxNamedApps).Select(a => (JsonNode?)cut(a.Name))]);
        if (report.Error is not null && !data.ContainsKey("error"))
        {
            data["error"] = cut(report.Error);
        }
    }

    private static JsonObject Instance(InstanceInfo i, Func<string?, string?> cut) => new()
    {
        ["instanceId"] = cut(i.Id),
        ["app"] = cut(i.AppName),
        ["appType"] = JsonNamingPolicy.CamelCase.ConvertName(i.AppType.ToString()),
        ["instanceIndex"] = i.InstanceIndex,
        ["title"] = cut(i.Title),
        ["state"] = JsonNamingPolicy.CamelCase.ConvertName(i.State.ToString()),
        ["pid"] = i.ProcessId,
        ["ready"] = i.Ready,
        ["restartCount"] = i.RestartCount,
        ["startedAt"] = Time(i.StartedAt),
        ["startedBy"] = new JsonObject
        {
            ["kind"] = i.StartedBy.KindName,
            ["app"] = cut(i.StartedBy.ApplicationName),
            ["instanceId"] = cut(i.StartedBy.InstanceId),
        },
    };

    private static void Exit(JsonObject data, InstanceExit? exit, Func<string?, string?> cut)
    {
        data["exitCode"] = exit?.ExitCode;
        data["signal"] = exit?.Signal;
        data["exit"] = cut(exit?.Description);
        data["failure"] = exit?.IsFailure;
    }

    private static IEnumerable<string> Changes(InstanceChanges changes)
    {
        foreach (var flag in new[] { InstanceChanges.Ready, InstanceChanges.Title, InstanceChanges.Context, InstanceChanges.Restarted })
        {
            if (changes.HasFlag(flag))
            {
                yield return JsonNamingPolicy.CamelCase.ConvertName(flag.ToString());
            }
        }
    }

    private static string StageName(BootStage stage) => stage switch
    {
        BootStage.Core => "core",
        BootStage.PreSso => "pre-sso",
        BootStage.PostSso => "post-sso",
        _ => "user",
    };

    // The first characters of a text and the cut mark, never splitting a surrogate pair.
    private static string CutText(string text, int limit)
    {
        var keep = Math.Max(0, limit - CutMark.Length);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), CutMark);
    }
}
