using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IoActors.Manager.Http;

/// <summary>
/// Turns every refusal into RFC 7807 problem details (<c>application/problem+json</c>): a <see cref="ManagerException"/>
/// with its status; a request Kestrel refuses (too large, malformed) with Kestrel's status; an unknown route or method
/// (404/405 without a body). Anything else is the server's fault: a 500 whose detail names no internals, and a log entry.
/// </summary>
internal sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            if (context.Response is { HasStarted: false, StatusCode: 404 or 405 } && context.Response.ContentLength is null or 0)
            {
                var detail = context.Response.StatusCode == 404
                    ? $"no route {context.Request.Method} {context.Request.Path}"
                    : $"{context.Request.Method} is not allowed on {context.Request.Path}";
                await WriteAsync(context, context.Response.StatusCode, context.Response.StatusCode == 404 ? "Not found" : "Method not allowed", detail, null);
            }
        }
        catch (ManagerException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, e.Status, e.Title, e.Message, e.Errors);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var title = e.StatusCode == 413 ? "Too large" : "Bad request";
            await WriteAsync(context, e.StatusCode, title, e.Message, null);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            log.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            await WriteAsync(context, 500, "Server error", "the server failed to answer; the error is in its log", null);
        }
    }

    internal static async Task WriteAsync(HttpContext context, int status, string title, string detail, IReadOnlyList<object>? errors)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        if (status == 401)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"IoActors Manager\", Bearer";
        }
        var problem = new Dictionary<string, object?>
        {
            ["type"] = $"https://httpstatuses.io/{status}",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
            ["instance"] = context.Request.Path.Value,
        };
        if (errors is { Count: > 0 })
        {
            problem["errors"] = errors;
        }

        await JsonSerializer.SerializeAsync(context.Response.Body, problem, ManagerContext.Json, context.RequestAborted);
    }
}
