using System.Globalization;
using System.Text;
using IoActors.Manager.Fleet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IoActors.Manager.Http;

/// <summary>
/// The fleet routes: <c>POST /user/events</c> (a platform reports a batch of its events; answered once stored) and
/// <c>GET /admin/events</c> (admins: every fact the server learns, as server-sent events, resumable by offset).
/// </summary>
internal static class FleetRoutes
{
    private static readonly byte[] s_opening = Encoding.UTF8.GetBytes(": fleet events\nretry: 2000\n\n");

    public static void Map(IEndpointRouteBuilder api, ManagerContext m, FleetNode fleet)
    {
        // {"batch": ID, "events": [{"type", "at", "data"}], "dropped": N} → {"accepted": n}, once stored; a batch seen
        // recently (same session, or same user without one, and same id) is answered again and not stored twice.
        api.MapPost("/user/events", async (HttpContext context, CancellationToken ct) =>
        {
            var caller = await m.CallerAsync(context);
            var received = m.Clock.GetUtcNow();
            var body = await m.ReadObjectAsync(context.Request, ct);
            var batch = PlatformBatch.Read(body);
            var machine = await fleet.MachineAsync(m, caller, ct);
            var key = (caller.Session is { } session ? "s:" + session : "u:" + caller.User.ToUpperInvariant()) + "\n" + batch.Batch;
            var accepted = await m.AskAsync<BatchAccepted>(fleet.Writer, new ReportBatch(key, batch, caller.Session, caller.User, machine, received), ct);
            return Results.Json(new { accepted = accepted.Accepted }, ManagerContext.Json);
        });

        // Server-sent events: id = the journal's global ordering of the fact, resumable with Last-Event-ID or ?after=
        // (only later facts), ?types= filters by event name (a trailing * is a prefix).
        api.MapGet("/admin/events", async (HttpContext context) =>
        {
            await m.AdminAsync(context);
            var after = After(context.Request);
            var filter = FleetTypeFilter.Parse(context.Request.Query["types"].ToString());
            using var subscription = fleet.Stream.TryOpen(after, filter)
                ?? throw new ManagerException(503, "Busy", $"this node serves {fleet.Stream.MaxSubscribers} event streams already (manager.limits.maxEventSubscribers); try again later");
            var lifetime = context.RequestServices.GetRequiredService<IHostApplicationLifetime>();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            var ct = stop.Token;
            // The client leaving (or the server stopping) stops the query: the pending pull answers none.
            using var registration = ct.Register(subscription.Stop);
            var response = context.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            try
            {
                await response.Body.WriteAsync(s_opening, ct);
                await response.Body.FlushAsync(ct);
                var next = subscription.PullAsync();
                while (true)
                {
                    if (!next.IsCompleted)
                    {
                        // Nothing more is ready: send what was written, and wait.
                        await response.Body.FlushAsync(ct);
                    }

                    var frame = await next;
                    if (!frame.HasValue || ct.IsCancellationRequested)
                    {
                        break;
                    }

                    await response.Body.WriteAsync(frame.Value, ct);
                    next = subscription.PullAsync();
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The client left or the server stops.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The query failed (the database is unreachable): end the stream; the client resumes with Last-Event-ID.
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FleetRoutes))
                    .LogWarning(e, "The fleet event stream failed: {Message}", e.Message);
            }
        });
    }

    // Last-Event-ID (what an EventSource sends when it reconnects) wins over ?after=; both are exclusive offsets.
    private static long After(HttpRequest request)
    {
        var header = request.Headers["Last-Event-ID"].ToString();
        var (name, value) = header.Length > 0 ? ("Last-Event-ID", header) : ("after", request.Query["after"].ToString());
        if (value.Length == 0)
        {
            return 0;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var after)
            ? after
            : throw ManagerException.BadRequest($"{name}: '{State.Names.Printable(value)}' must be a non-negative integer (the id of an event of this stream)");
    }
}
