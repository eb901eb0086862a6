using System.Text.Json;
using IoActors.Apps.Definitions;
using Microsoft.AspNetCore.Http;

namespace IoActors.Host.Api;

/// <summary>
/// Reads request bodies as JSON for the API: a syntax error, a string .NET cannot represent (a lone surrogate escape such
/// as <c>"\udc00"</c>, invalid UTF-8) or a key given twice in one object is a 400 naming where it is. The checks of the
/// text are the definition readers' (<see cref="JsonInputCheck"/>), which refuse here what they warn about there.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

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
        ReadOnlyMemory<byte> utf8 = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (utf8.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(utf8, Options);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}: " : string.Empty;
            throw new ApiException(StatusCodes.Status400BadRequest, "Bad JSON", $"the request body is not valid JSON ({where}{e.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd('.', ' ')})");
        }

        if (FindProblem(utf8, root) is { } problem)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "Bad JSON", $"the request body is not usable JSON at {problem}");
        }

        return root;
    }

    /// <summary>The first string that cannot be read or key given twice, in document order; <see langword="null"/> when there is none.</summary>
    /// <param name="utf8">The body's text (no byte-order mark).</param>
    /// <param name="root">The body parsed.</param>
    /// <returns>Where and what: <c>$[0].title (line 1, column 40): the string "x\udc00" cannot be read as text: it holds …</c>.</returns>
    public static string? FindProblem(ReadOnlyMemory<byte> utf8, JsonElement root)
    {
        if (JsonInputCheck.Find(root, utf8.Span, limit: 1) is not [var issue])
        {
            return null;
        }

        var locator = new JsonLocator(utf8);
        var (line, column) = locator.LineColumn(issue.Offset);
        return $"{JsonPath.Of(issue.Path).ToRootedString()} (line {line}, column {column}): {issue.RefusalMessage(locator.LineColumn)}";
    }
}
