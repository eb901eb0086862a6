namespace IoActors.Manager.Tests.User;

/// <summary>/user/prefs: an app's preferences per user.</summary>
public sealed class PrefsTests(SharedManager shared) : IClassFixture<SharedManager>
{
    private readonly ManagerHost _host = shared.Host;

    [Fact]
    public async Task Save_read_merge_list_and_delete_preferences()
    {
        var user = await _host.CreateUserAsync();
        var saved = await _host.PostJsonAsync("/user/prefs", user, new { app = "Blotter", data = new { theme = "dark", columns = new[] { "a" } } });
        saved.Str("app").Should().Be("Blotter");
        saved.Str("user").Should().Be(user.User);
        saved.GetProperty("data").Str("theme").Should().Be("dark");

        var merged = await _host.PostJsonAsync("/user/prefs/", user, new { app = "blotter", data = new { size = 3 }, merge = true });
        merged.GetProperty("data").Str("theme").Should().Be("dark", "merge keeps the other keys; the app name is case-insensitive");
        merged.GetProperty("data").GetProperty("size").GetInt32().Should().Be(3);

        var replaced = await _host.PostJsonAsync("/user/prefs", user, new { app = "Blotter", data = new { only = true } });
        replaced.GetProperty("data").TryGetProperty("theme", out _).Should().BeFalse();

        await _host.PostJsonAsync("/user/prefs", user, new { app = "Chart", data = new { } });
        (await _host.GetJsonAsync("/user/prefs", user)).Each("app").Should().Equal("Blotter", "Chart");
        (await _host.GetJsonAsync("/user/prefs/", user)).GetArrayLength().Should().Be(2);
        (await _host.GetJsonAsync("/user/prefs/Chart", user)).Str("app").Should().Be("Chart");

        await (await _host.DeleteAsync("/user/prefs/Chart", user)).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await _host.GetAsync("/user/prefs/Chart", user)).ShouldBeProblemAsync(404, "Chart");
        await (await _host.DeleteAsync("/user/prefs/Chart", user)).ShouldBeProblemAsync(404, "Chart");

        await (await _host.DeleteAsync("/user/prefs", user)).ShouldBeAsync(HttpStatusCode.NoContent);
        (await _host.GetJsonAsync("/user/prefs", user)).GetArrayLength().Should().Be(0);
        await (await _host.DeleteAsync("/user/prefs/", user)).ShouldBeAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Last_gives_304_when_nothing_changed_since()
    {
        var user = await _host.CreateUserAsync();
        await _host.PostJsonAsync("/user/prefs", user, new { app = "A", data = new { v = 1 } });
        var read = await _host.GetJsonAsync("/user/prefs/A", user);
        var last = read.GetProperty("lastUpdate").GetDateTimeOffset().ToUnixTimeMilliseconds();

        using var same = await _host.GetAsync($"/user/prefs/A?last={last}", user);
        same.StatusCode.Should().Be(HttpStatusCode.NotModified);
        using var older = await _host.GetAsync($"/user/prefs/A?last={last - 1}", user);
        older.StatusCode.Should().Be(HttpStatusCode.OK);
        using var junk = await _host.GetAsync("/user/prefs/A?last=yesterday", user);
        junk.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("{ \"data\": {} }", "app: required")]
    [InlineData("{ \"app\": 3, \"data\": {} }", "app: 3 must be a string")]
    [InlineData("{ \"app\": \"a\" }", "data: required")]
    [InlineData("{ \"app\": \"a\", \"data\": [1] }", "data: [1] must be an object")]
    [InlineData("{ \"app\": \"a\", \"data\": \"x\" }", "data: \"x\" must be an object")]
    [InlineData("{ \"app\": \"a\", \"data\": {}, \"merge\": 1 }", "merge: 1 must be true or false")]
    [InlineData("{ \"app\": \"a\", \"data\": {}, \"user\": 1 }", "user: 1 must be a string")]
    [InlineData("{ \"app\": \"\", \"data\": {} }", "app: required")]
    [InlineData("{ \"app\": \"a\", \"data\": { \"k\": 1, \"k\": 2 } }", "$.data.k", "line 1")]
    [InlineData("{ \"app\": \"a\", \"data\": { \"s\": \"\\udc00\" } }", "$.data.s")]
    [InlineData("{ app: 1 }", "not valid JSON", "line 1")]
    public async Task Save_refuses_a_bad_body_naming_the_field(string body, params string[] named)
    {
        var user = await _host.CreateUserAsync();
        await (await _host.PostAsync("/user/prefs", user, body)).ShouldBeProblemAsync(400, named);
        (await _host.GetJsonAsync("/user/prefs", user)).GetArrayLength().Should().Be(0);
    }
}
