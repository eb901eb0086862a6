using FluentAssertions.Execution;

namespace IoActors.Manager.Tests.Support;

/// <summary>Assertions on the server's answers.</summary>
public static class Responses
{
    /// <summary>Asserts a 2xx JSON answer and returns it (disposes the response).</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).Should().BeInRange(200, 299, "{0} {1} answered {2}", response.RequestMessage?.Method, response.RequestMessage?.RequestUri, text);
            response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
    }

    /// <summary>Asserts a 2xx answer with the status (disposes the response).</summary>
    public static async Task ShouldBeAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(status, "{0} {1} answered {2}", response.RequestMessage?.Method, response.RequestMessage?.RequestUri, text);
        }
    }

    /// <summary>
    /// Asserts an RFC 7807 problem: the status, <c>application/problem+json</c>, the members status, title and detail, and
    /// that the detail holds each of <paramref name="named"/> (the field or value at fault). A 401 must carry WWW-Authenticate.
    /// Returns the problem (disposes the response).
    /// </summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, int status, params string[] named)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            using var scope = new AssertionScope($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} {text}");
            ((int)response.StatusCode).Should().Be(status);
            response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
            using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
            var problem = document.RootElement.Clone();
            problem.TryGetProperty("status", out var statusMember).Should().BeTrue("a problem has a status");
            if (statusMember.ValueKind == JsonValueKind.Number)
            {
                statusMember.GetInt32().Should().Be(status);
            }

            problem.TryGetProperty("title", out var title).Should().BeTrue("a problem has a title");
            if (title.ValueKind == JsonValueKind.String)
            {
                title.GetString().Should().NotBeNullOrWhiteSpace();
            }

            problem.TryGetProperty("detail", out var detail).Should().BeTrue("a problem has a detail");
            var detailText = detail.ValueKind == JsonValueKind.String ? detail.GetString()! : string.Empty;
            detailText.Should().NotBeNullOrWhiteSpace();
            foreach (var name in named)
            {
                detailText.Should().Contain(name);
            }

            if (status == 401)
            {
                response.Headers.WwwAuthenticate.Should().NotBeEmpty("a 401 tells how to authenticate");
            }

            return problem;
        }
    }

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    /// <summary>The string values of an array property (or of the array itself when <paramref name="name"/> is null).</summary>
    public static List<string> Strings(this JsonElement element, string? name = null) =>
        [.. (name is null ? element : element.GetProperty(name)).EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>The values of a member of each object of an array.</summary>
    public static List<string> Each(this JsonElement array, string member) =>
        [.. array.EnumerateArray().Select(e => e.GetProperty(member).ValueKind == JsonValueKind.String ? e.GetProperty(member).GetString()! : e.GetProperty(member).GetRawText())];
}
