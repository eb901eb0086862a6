using System.Text.Json;
using IoActors.Apps.Definitions;
using Microsoft.AspNetCore.Http;

namespace IoActors.Host.Api;

/// <summary>Reads request bodies as JSON for the API with the checks of <see cref="JsonRequestText"/>; a refused body is a 400 naming where it is.</summary>
internal static class JsonBody
{
    /// <summary>Reads and checks the body.</summary>
    /// <param name="request">The request.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The body's root element (detached from the request).</returns>
    /// <exception cref="ApiException">400: the body is not JSON the API can take, with the position or JSON path.</exception>
    public static async Task<JsonElement> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        // The whole body is held either way (the parser buffers it); holding it here lets the check read the text as written.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return JsonRequestText.TryParse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), out var root) is { } problem
            ? throw new ApiException(StatusCodes.Status400BadRequest, "Bad JSON", problem)
            : root;
    }
}
