using System.Net.Http.Headers;

namespace IoActors.Manager.Tests.Reports;

/// <summary>POST /user/feedbacks (multipart) and GET /admin/feedbacks.</summary>
public sealed class FeedbackTests(SharedManager shared) : IClassFixture<SharedManager>
{
    private readonly ManagerHost _host = shared.Host;

    [Fact]
    public async Task Feedback_with_a_text_field_or_an_attachment_file_is_kept_and_listed_for_the_admin()
    {
        var user = await _host.CreateUserAsync();
        var (token, session) = await _host.HelloAsync(user);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("The blotter froze"), "description" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("log line 1\nlog line 2")), "attachment", "log.txt" },
        };
        var stored = await (await _host.SendAsync(HttpMethod.Post, "/user/feedbacks", Creds.Session(token), form)).JsonAsync();
        stored.Str("description").Should().Be("The blotter froze");
        stored.Str("attachment").Should().Be("log line 1\nlog line 2");
        stored.Str("user").Should().Be(user.User);
        stored.Str("session").Should().Be(session);

        using var plain = new MultipartFormDataContent { { new StringContent("Second"), "description" }, { new StringContent("inline"), "attachment" } };
        var second = await (await _host.SendAsync(HttpMethod.Post, "/user/feedbacks", user, plain)).JsonAsync();
        second.Str("attachment").Should().Be("inline");

        var all = await _host.GetJsonAsync("/admin/feedbacks", ManagerHost.Admin);
        var mine = all.EnumerateArray().Where(f => f.Str("user") == user.User).Select(f => f.Str("description")).ToList();
        mine.Should().Equal("Second", "The blotter froze");
    }

    [Fact]
    public async Task Feedback_that_is_not_a_form_is_400()
    {
        var user = await _host.CreateUserAsync();
        await (await _host.PostAsync("/user/feedbacks", user, new { description = "x" })).ShouldBeProblemAsync(400, "multipart/form-data");
    }

    [Fact]
    public async Task A_malformed_multipart_body_is_400_not_a_server_error()
    {
        var user = await _host.CreateUserAsync();
        var noBoundary = new ByteArrayContent(Encoding.UTF8.GetBytes("--x\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nhi\r\n--x--\r\n"));
        noBoundary.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        await (await _host.SendAsync(HttpMethod.Post, "/user/feedbacks", user, noBoundary)).ShouldBeProblemAsync(400, "form");

        var cut = new ByteArrayContent(Encoding.UTF8.GetBytes("--x\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nhi"));
        cut.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        await (await _host.SendAsync(HttpMethod.Post, "/user/feedbacks", user, cut)).ShouldBeProblemAsync(400, "form");
        _host.Log.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Feedback_over_a_million_characters_is_413()
    {
        var user = await _host.CreateUserAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("big"), "description" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(new string('a', 1024 * 1024 + 10))), "attachment", "big.txt" },
        };
        await (await _host.SendAsync(HttpMethod.Post, "/user/feedbacks", user, form)).ShouldBeProblemAsync(413, "1048576");
    }
}
