using System.Text.Json;
using Akka.Actor;
using FluentAssertions;
using IoActors.Platform.Hosting;
using IoActors.Platform.Preferences;
using IoActors.Testing;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Tests.ClientState;

public sealed class PreferencesActorTests(ITestOutputHelper output) : ActorTestKit(output, virtualTime: false)
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private IActorRef Start(long maxBytes = 1024) => Sys.ActorOf(PreferencesActor.Props(PlatformJournal.InMemory, maxBytes, TimeProvider.System));

    [Fact]
    public async Task Set_PastTheByteLimit_IsRefusedNamingTheAppAndTheSize_AndNothingChanges()
    {
        var prefs = Start(maxBytes: 20);
        await prefs.Ask<AppPreferences>(new SetPreferences("u", "app", Json("""{"a":1}"""), false));

        var tooLarge = () => prefs.Ask<AppPreferences>(new SetPreferences("u", "app", Json("""{"blob":"xxxxxxxxxxxxxxxxxxxx"}"""), false));

        (await tooLarge.Should().ThrowAsync<PreferencesException>())
            .WithMessage("App preferences for 'app' would take 31 bytes; the limit is 20 bytes (ioactors.preferences.maxBytesPerApp). Nothing was changed.");
        (await prefs.Ask<AppPreferences>(new GetPreferences("u", "app"))).Data.GetRawText().Should().Be("""{"a":1}""");
    }

    [Fact]
    public async Task Update_MergesTheTopLevelProperties_AndPublishesTheChange()
    {
        var prefs = Start();
        var changes = CreateTestProbe();
        Sys.EventStream.Subscribe(changes, typeof(PreferencesChanged));
        await prefs.Ask<AppPreferences>(new SetPreferences("u", "app", Json("""{"a":1,"b":{"c":2}}"""), false));

        var merged = await prefs.Ask<AppPreferences>(new SetPreferences("u", "app", Json("""{"b":{"d":3},"e":4}"""), true));

        merged.Data.GetRawText().Should().Be("""{"a":1,"b":{"d":3},"e":4}""");
        (await changes.ExpectMsgAsync<PreferencesChanged>()).Preferences.Data.GetRawText().Should().Be("""{"a":1,"b":{"c":2}}""");
        var published = await changes.ExpectMsgAsync<PreferencesChanged>();
        published.User.Should().Be("u");
        published.Preferences.Data.GetRawText().Should().Be("""{"a":1,"b":{"d":3},"e":4}""");
    }

    [Fact]
    public async Task Preferences_OfAnotherUser_AreSeparate()
    {
        var prefs = Start();
        await prefs.Ask<AppPreferences>(new SetPreferences("alice", "app", Json("""{"a":1}"""), false));

        (await prefs.Ask<AppPreferences>(new GetPreferences("bob", "app"))).Data.GetRawText().Should().Be("{}");
        (await prefs.Ask<IReadOnlyList<AppPreferences>>(new GetAllPreferences("bob"))).Should().BeEmpty();
        (await prefs.Ask<IReadOnlyList<string>>(new ClearPreferences("bob", null))).Should().BeEmpty();
        (await prefs.Ask<AppPreferences>(new GetPreferences("alice", "app"))).Data.GetRawText().Should().Be("""{"a":1}""");
    }

    [Fact]
    public async Task Preferences_AfterTheActorStopsAndStartsAgain_AreRecoveredFromTheJournalAndItsSnapshot()
    {
        var prefs = Start();
        for (var i = 0; i < PreferencesActor.SnapshotEvery + 5; i++)
        {
            await prefs.Ask<AppPreferences>(new SetPreferences("u", "app" + (i % 3), Json($$"""{"n":{{i}}}"""), false));
        }

        await prefs.Ask<IReadOnlyList<string>>(new ClearPreferences("u", "app0"));
        Watch(prefs);
        Sys.Stop(prefs);
        await ExpectTerminatedAsync(prefs);

        var again = Start();

        var all = await again.Ask<IReadOnlyList<AppPreferences>>(new GetAllPreferences("u"));
        all.Select(p => (p.App, p.Data.GetRawText())).Should().Equal(("app1", """{"n":103}"""), ("app2", """{"n":104}"""));
    }

    [Fact]
    public async Task Set_WithDataThatIsNotAnObjectOrABlankApp_IsRefused()
    {
        var prefs = Start();

        await FluentActions.Awaiting(() => prefs.Ask<AppPreferences>(new SetPreferences("u", "app", Json("[1]"), false)))
            .Should().ThrowAsync<PreferencesException>().WithMessage("App preferences for 'app': data must be a JSON object, not array.");
        await FluentActions.Awaiting(() => prefs.Ask<AppPreferences>(new GetPreferences("u", " ")))
            .Should().ThrowAsync<PreferencesException>().WithMessage("*app name is missing or blank*");
    }

    [Fact]
    public async Task Replace_TheUsersSetIsReplaced_BadEntriesAreNamed_OtherUsersStay_AndItIsRecovered()
    {
        var prefs = Start(maxBytes: 20);
        var changes = CreateTestProbe();
        await prefs.Ask<AppPreferences>(new SetPreferences("u", "old", Json("""{"a":1}"""), false));
        await prefs.Ask<AppPreferences>(new SetPreferences("other", "old", Json("""{"o":1}"""), false));
        Sys.EventStream.Subscribe(changes, typeof(PreferencesChanged));

        var answer = await prefs.Ask<PreferencesReplacement>(new ReplacePreferences("u",
        [
            new AppPreferences("notes", Json("""{"t":"dark"}"""), DateTimeOffset.UnixEpoch),
            new AppPreferences("big", Json("""{"blob":"xxxxxxxxxxxxxxxxxxxx"}"""), null),
            new AppPreferences(" ", Json("{}"), null),
            new AppPreferences("list", Json("[1]"), null),
        ]));

        answer.Stored.Should().Be(1);
        answer.Removed.Should().Be(1);
        answer.Refused.Should().Equal(
            "'big': 31 bytes, more than 20 (ioactors.preferences.maxBytesPerApp)",
            "an entry without an app name",
            "'list': data must be a JSON object, not array");
        var removed = await changes.ExpectMsgAsync<PreferencesChanged>();
        (removed.Preferences.App, removed.FromServer).Should().Be(("old", true));
        var stored = await changes.ExpectMsgAsync<PreferencesChanged>();
        (stored.Preferences.App, stored.Preferences.LastUpdate, stored.FromServer).Should().Be(("notes", DateTimeOffset.UnixEpoch, true));

        Watch(prefs);
        Sys.Stop(prefs);
        await ExpectTerminatedAsync(prefs);
        var again = Start(maxBytes: 20);
        (await again.Ask<IReadOnlyList<AppPreferences>>(new GetAllPreferences("u"))).Select(p => (p.App, p.Data.GetRawText())).Should().Equal(("notes", """{"t":"dark"}"""));
        (await again.Ask<AppPreferences>(new GetPreferences("other", "old"))).Data.GetRawText().Should().Be("""{"o":1}""");
    }
}
