using System.Text.Json;
using IoActors.Host.Hosting;
using IoActors.Platform.Layouts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IoActors.Host.Api;

/// <summary>
/// The layouts routes: list (<c>?type=</c>), one layout, save the running instances (<c>POST /api/layouts</c>), restore,
/// remove, import (an array of layouts, or <c>{layouts, mode}</c>) and the default Global layout. A refusal is a 400
/// naming the layout and the problem; an unknown layout a 404.
/// </summary>
internal static partial class ApiEndpoints
{
    private static void MapLayouts(RouteGroupBuilder api)
    {
        api.MapGet("/layouts", async (string? type, PlatformHolder h, CancellationToken ct) => Results.Ok(await P(h).Layouts.ListAsync(type, ct)));
        api.MapGet("/layouts/default", async (PlatformHolder h, CancellationToken ct) =>
            await P(h).Layouts.GetDefaultAsync(ct) is { } layout ? Results.Ok(layout) : Results.NoContent());
        api.MapPut("/layouts/default", async (HttpRequest request, PlatformHolder h, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync(request, ct);
            if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "Bad default layout", "the body must be {\"name\": \"LAYOUT\"}, naming a saved Global layout");
            }

            return Results.Ok(await P(h).Layouts.SetDefaultAsync(name.GetString(), ct));
        });
        api.MapDelete("/layouts/default", async (PlatformHolder h, CancellationToken ct) =>
        {
            await P(h).Layouts.SetDefaultAsync(null, ct);
            return Results.NoContent();
        });
        api.MapGet("/layouts/{type}/{name}", async (string type, string name, PlatformHolder h, CancellationToken ct) =>
            await P(h).Layouts.GetAsync(type, name, ct) is { } layout ? Results.Ok(layout) : NotFound("layout", $"{type}/{name}"));
        api.MapPost("/layouts", async (HttpRequest request, PlatformHolder h, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync(request, ct);
            if (body.ValueKind != JsonValueKind.Object)
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "Bad layout save", $"the body must be an object {{\"name\": \"LAYOUT\", ...}}, not a JSON {body.ValueKind.ToString().ToLowerInvariant()}");
            }

            var save = new LayoutSaveRequest(OptionalString(body, "name") ?? string.Empty)
            {
                Type = OptionalString(body, "type") ?? LayoutTypes.Global,
                Context = body.TryGetProperty("context", out var context) ? context : null,
                Metadata = body.TryGetProperty("metadata", out var metadata) ? metadata : null,
                IgnoreInstances = Strings(body, "ignoreInstances"),
                Instances = Strings(body, "instances"),
                SetAsCurrent = Bool(body, "setAsCurrent") ?? false,
                IgnoreContexts = Bool(body, "ignoreContexts") ?? false,
            };
            var layout = await P(h).Layouts.SaveAsync(save, ct);
            return Results.Created($"/api/layouts/{Uri.EscapeDataString(layout.Type)}/{Uri.EscapeDataString(layout.Name)}", layout);
        });
        api.MapPost("/layouts/{type}/{name}/restore", async (string type, string name, HttpRequest request, PlatformHolder h, CancellationToken ct) =>
        {
            var body = request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0 ? await JsonBody.ReadAsync(request, ct) : default;
            if (body.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object))
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "Bad layout restore", $"the body must be empty or an object {{\"context\": {{...}}, \"closeRunningInstances\": true}}, not a JSON {body.ValueKind.ToString().ToLowerInvariant()}");
            }

            var restore = new LayoutRestoreRequest(name)
            {
                Type = type,
                Context = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("context", out var context) ? context : null,
                CloseRunningInstances = (body.ValueKind == JsonValueKind.Object ? Bool(body, "closeRunningInstances") : null) ?? true,
                ExcludeFromClosing = body.ValueKind == JsonValueKind.Object ? Strings(body, "excludeFromClosing") : null,
            };
            var result = await P(h).Layouts.RestoreAsync(restore, ct);
            return Results.Ok(new
            {
                status = result.Status,
                layout = result.Layout,
                started = result.Started,
                failed = result.Failed,
                stopped = result.Stopped,
            });
        });
        api.MapDelete("/layouts/{type}/{name}", async (string type, string name, PlatformHolder h, CancellationToken ct) =>
        {
            await P(h).Layouts.RemoveAsync(type, name, cancellationToken: ct);
            return Results.NoContent();
        });
        api.MapPost("/layouts/import", async (HttpRequest request, PlatformHolder h, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync(request, ct);
            var (layouts, mode) = body.ValueKind switch
            {
                JsonValueKind.Array => (body, "merge"),
                JsonValueKind.Object when body.TryGetProperty("layouts", out var list) => (list, OptionalString(body, "mode") ?? "merge"),
                _ => throw new ApiException(StatusCodes.Status400BadRequest, "Bad layouts import", $"expected an array of layouts or {{\"layouts\": [...], \"mode\": \"merge\"|\"replace\"}}, not a JSON {body.ValueKind.ToString().ToLowerInvariant()}"),
            };
            if (mode is not ("merge" or "replace"))
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "Bad layouts import", $"mode '{mode}' is not one of merge, replace");
            }

            var imported = await P(h).Layouts.ImportAsync(layouts, mode == "replace", cancellationToken: ct);
            return Results.Ok(new { imported = imported.Select(l => new { l.Type, l.Name }) });
        });
    }

    private static string? OptionalString(JsonElement body, string name) => body.TryGetProperty(name, out var value) switch
    {
        false => null,
        true when value.ValueKind == JsonValueKind.String => value.GetString(),
        true when value.ValueKind == JsonValueKind.Null => null,
        _ => throw new ApiException(StatusCodes.Status400BadRequest, "Bad layout request", $"'{name}' must be a string, not {value.GetRawText()}"),
    };

    private static bool? Bool(JsonElement body, string name) => body.TryGetProperty(name, out var value) switch
    {
        false => null,
        true when value.ValueKind is JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
        _ => throw new ApiException(StatusCodes.Status400BadRequest, "Bad layout request", $"'{name}' must be true or false, not {value.GetRawText()}"),
    };

    private static List<string>? Strings(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "Bad layout request", $"'{name}' must be an array of instance ids, not {value.GetRawText()}");
        }

        return [.. value.EnumerateArray().Select(v => v.GetString()!)];
    }
}
