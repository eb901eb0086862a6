using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace IoActors.Host.Api;

/// <summary>
/// Reads request bodies as JSON for the API: a syntax error, a string .NET cannot represent (a lone surrogate escape such
/// as <c>"\udc00"</c>, invalid UTF-8) or a key given twice in one object is a 400 naming where it is.
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
        JsonElement root;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, Options, ct);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}: " : string.Empty;
            throw new ApiException(StatusCodes.Status400BadRequest, "Bad JSON", $"the request body is not valid JSON ({where}{e.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd('.', ' ')})");
        }

        if (FindProblem(root) is { } problem)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "Bad JSON", $"the request body is not usable JSON at {problem.Path}: {problem.Message}");
        }

        return root;
    }

    /// <summary>The first string that cannot be read or key given twice, in document order; <see langword="null"/> when there is none.</summary>
    /// <param name="root">The element to check.</param>
    /// <returns>The JSON path (<c>$.apps[0].title</c>) and what is wrong there.</returns>
    public static (string Path, string Message)? FindProblem(JsonElement root) => Check(root, "$");

    private static (string Path, string Message)? Check(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return JsonText.IsReadable(element) ? null : (path, $"the string {JsonText.Describe(element)} is not valid Unicode (a lone surrogate escape or invalid UTF-8)");
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Check(item, $"{path}[{index++}]") is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!JsonText.TryGetName(property, out var name))
                    {
                        return (path, $"the key {JsonText.Describe(property)} is not valid Unicode (a lone surrogate escape or invalid UTF-8)");
                    }

                    var at = JsonText.Member(path, name);
                    if (!names.Add(name))
                    {
                        return (at, $"the key \"{name}\" appears more than once in this object");
                    }

                    if (Check(property.Value, at) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
