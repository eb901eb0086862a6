using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <summary>
/// Parses a request body for an HTTP API: a syntax error, a string .NET cannot represent (a lone surrogate escape such
/// as <c>"\udc00"</c>, invalid UTF-8) or a key given twice in one object is refused with a message naming where it is.
/// The checks of the text are the definition readers' (<see cref="JsonInputCheck"/>), which refuse here what they warn about there.
/// </summary>
internal static class JsonRequestText
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Parses and checks the body.</summary>
    /// <param name="utf8">The body (a leading byte-order mark is skipped).</param>
    /// <param name="root">The root element (detached) when the body is usable.</param>
    /// <returns><see langword="null"/>, or why the body is refused: <c>the request body is not valid JSON (line 1, position 3: …)</c>.</returns>
    public static string? TryParse(ReadOnlyMemory<byte> utf8, out JsonElement root)
    {
        if (utf8.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        try
        {
            using var document = JsonDocument.Parse(utf8, Options);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            root = default;
            var where = e.LineNumber is { } line ? $"line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}: " : string.Empty;
            return $"the request body is not valid JSON ({where}{e.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd('.', ' ')})";
        }

        return FindProblem(utf8, root) is { } problem ? $"the request body is not usable JSON at {problem}" : null;
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
