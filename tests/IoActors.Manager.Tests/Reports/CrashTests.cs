using System.Net.Http.Headers;

namespace IoActors.Manager.Tests.Reports;

/// <summary>POST /crashes (as crash reporters upload) and the admin's /admin/crashes.</summary>
public sealed class CrashTests : IAsyncLifetime
{
    private const int Limit = 256 * 1024;
    private ManagerHost _host = null!;

    public async Task InitializeAsync() => _host = await ManagerHost.StartAsync(o => o.Limits.MaxCrashBytes = Limit);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static MultipartFormDataContent Report(byte[]? dump, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        if (dump is not null)
        {
            var part = new ByteArrayContent(dump);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "upload_file_minidump", "crash.dmp");
        }

        return form;
    }

    [Fact]
    public async Task A_report_with_fields_and_a_minidump_is_kept_and_its_dump_downloads_byte_for_byte()
    {
        var dump = new byte[100_000];
        new Random(7).NextBytes(dump);
        using var form = Report(dump, ("prod", "io.Connect"), ("ver", "9.1.0"), ("user", "reporter-1"));
        using var response = await _host.SendAsync(HttpMethod.Post, "/crashes", null, form);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await response.JsonAsync()).Str("id");

        var list = await _host.GetJsonAsync("/admin/crashes", ManagerHost.Admin);
        var crash = list.EnumerateArray().Should().ContainSingle(c => c.Str("id") == id).Subject;
        crash.GetProperty("fields").Str("prod").Should().Be("io.Connect");
        crash.GetProperty("fields").Str("ver").Should().Be("9.1.0");
        crash.Str("user").Should().Be("reporter-1", "without credentials the report's user field names the user");
        crash.Str("dumpName").Should().Be("crash.dmp");
        crash.GetProperty("dumpSize").GetInt64().Should().Be(dump.Length);
        (await _host.GetJsonAsync($"/admin/crashes/{id}", ManagerHost.Admin)).Str("id").Should().Be(id);

        using var download = await _host.GetAsync($"/admin/crashes/{id}/dump", ManagerHost.Admin);
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/octet-stream");
        download.Content.Headers.ContentDisposition!.FileName.Should().Contain("crash.dmp");
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(dump);
    }

    [Fact]
    public async Task A_report_with_credentials_names_the_authenticated_user_and_session()
    {
        var user = await _host.CreateUserAsync();
        var (token, session) = await _host.HelloAsync(user);
        using var form = Report([1, 2, 3], ("user", "someone-else"));
        var id = (await (await _host.SendAsync(HttpMethod.Post, "/crashes", Creds.Session(token), form)).JsonAsync()).Str("id");
        var crash = await _host.GetJsonAsync($"/admin/crashes/{id}", ManagerHost.Admin);
        crash.Str("user").Should().Be(user.User);
        crash.Str("session").Should().Be(session);

        using var bad = Report([1]);
        await (await _host.SendAsync(HttpMethod.Post, "/crashes", Creds.Basic(user.User, "wrong-password"), bad)).ShouldBeProblemAsync(401, "wrong password");
    }

    [Fact]
    public async Task A_report_without_a_dump_is_kept_and_its_dump_is_404()
    {
        using var form = Report(null, ("prod", "x"));
        var id = (await (await _host.SendAsync(HttpMethod.Post, "/crashes", null, form)).JsonAsync()).Str("id");
        await (await _host.GetAsync($"/admin/crashes/{id}/dump", ManagerHost.Admin)).ShouldBeProblemAsync(404, id, "no dump");
    }

    [Fact]
    public async Task Any_file_part_is_the_dump_when_there_is_no_upload_file_minidump()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent([9, 8, 7]), "file", "other.bin" } };
        var id = (await (await _host.SendAsync(HttpMethod.Post, "/crashes", null, form)).JsonAsync()).Str("id");
        using var download = await _host.GetAsync($"/admin/crashes/{id}/dump", ManagerHost.Admin);
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(9, 8, 7);
    }

    [Fact]
    public async Task Unknown_crash_ids_are_404()
    {
        await (await _host.GetAsync("/admin/crashes/no-such-crash", ManagerHost.Admin)).ShouldBeProblemAsync(404, "no-such-crash");
        await (await _host.GetAsync("/admin/crashes/no-such-crash/dump", ManagerHost.Admin)).ShouldBeProblemAsync(404, "no-such-crash");
    }

    [Fact]
    public async Task A_report_over_the_limit_is_413_and_nothing_is_kept()
    {
        var before = (await _host.GetJsonAsync("/admin/crashes", ManagerHost.Admin)).GetArrayLength();
        using var form = Report(new byte[Limit + 1], ("prod", "x"));
        await (await _host.SendAsync(HttpMethod.Post, "/crashes", null, form)).ShouldBeProblemAsync(413, "maxCrashBytes");
        (await _host.GetJsonAsync("/admin/crashes", ManagerHost.Admin)).GetArrayLength().Should().Be(before);
    }

    [Fact]
    public async Task A_chunked_report_over_the_limit_is_413()
    {
        var before = (await _host.GetJsonAsync("/admin/crashes", ManagerHost.Admin)).GetArrayLength();
        using var form = Report(new byte[Limit * 2], ("prod", "x"));
        var bytes = await form.ReadAsByteArrayAsync();
        var chunked = new StreamContent(new UnknownLengthStream(bytes));
        chunked.Headers.ContentType = form.Headers.ContentType;
        await (await _host.SendAsync(HttpMethod.Post, "/crashes", null, chunked, r => r.Headers.TransferEncodingChunked = true)).ShouldBeProblemAsync(413);
        (await _host.GetJsonAsync("/admin/crashes", ManagerHost.Admin)).GetArrayLength().Should().Be(before);
    }

    [Fact]
    public async Task A_report_that_is_not_a_form_or_has_too_many_or_too_long_fields_is_400()
    {
        await (await _host.PostAsync("/crashes", null, new { prod = "x" })).ShouldBeProblemAsync(400, "multipart/form-data");

        using var many = Report(null, [.. Enumerable.Range(0, 70).Select(i => ($"f{i}", "v"))]);
        await (await _host.SendAsync(HttpMethod.Post, "/crashes", null, many)).ShouldBeProblemAsync(400, "form");

        using var longField = Report(null, ("comment", new string('c', 5000)));
        await (await _host.SendAsync(HttpMethod.Post, "/crashes", null, longField)).ShouldBeProblemAsync(400, "comment", "5000 characters", "4096");

        var cut = new ByteArrayContent(Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"prod\"\r\n\r\nx"));
        cut.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        await (await _host.SendAsync(HttpMethod.Post, "/crashes", null, cut)).ShouldBeProblemAsync(400, "form");
        _host.Log.Errors.Should().BeEmpty();
    }
}
