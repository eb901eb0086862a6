using System.Text.Json;
using IoActors.Host.Hosting;
using IoActors.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IoActors.Host.Api;

/// <summary>The routes of the client-API domains that keep state: notifications.</summary>
internal static partial class ApiEndpoints
{
    private static void MapClientState(RouteGroupBuilder api)
    {
        api.MapGet("/notifications", async (PlatformHolder h, CancellationToken ct) => Results.Ok(await P(h).Notifications.ListAsync(ct)));
        api.MapGet("/notifications/{id}", async (string id, PlatformHolder h, CancellationToken ct) =>
            (await P(h).Notifications.ListAsync(ct)).FirstOrDefault(n => n.Id == id) is { } n ? Results.Ok(n) : NotFound("notification", id));
        api.MapDelete("/notifications/{id}", async (string id, PlatformHolder h, CancellationToken ct) =>
            (await P(h).Notifications.ClearAsync([id], ct)).Count > 0 ? Results.NoContent() : NotFound("notification", id));
        api.MapDelete("/notifications", async (PlatformHolder h, CancellationToken ct) =>
            Results.Ok(new { cleared = await P(h).Notifications.ClearAsync(null, ct) }));
        api.MapPost("/notifications/{id}/click", async (string id, HttpRequest request, PlatformHolder h, CancellationToken ct) =>
        {
            string? action = null;
            if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
            {
                var body = await JsonBody.ReadAsync(request, ct);
                if (body.ValueKind != JsonValueKind.Object
                    || (body.TryGetProperty("action", out var given) && given.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)))
                {
                    throw new ApiException(StatusCodes.Status400BadRequest, "Bad click", "the body must be empty or {\"action\": \"NAME\"} (a string)");
                }

                action = body.TryGetProperty("action", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
            }

            try
            {
                return Results.Ok(await P(h).Notifications.ClickAsync(id, action, ct));
            }
            catch (NotificationException e)
            {
                var known = (await P(h).Notifications.ListAsync(ct)).Any(n => n.Id == id);
                throw known
                    ? new ApiException(StatusCodes.Status400BadRequest, "Bad click", e.Message)
                    : NotFoundException("notification", id);
            }
        });
    }
}
