using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using FluentAssertions;
using IoActors.Platform.Hosting;
using IoActors.Platform.Layouts;
using IoActors.Platform.Persistence.Tests.Import;
using IoActors.Platform.Persistence.Tests.Support;
using IoActors.Platform.Preferences;
using IoActors.Testing;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Persistence.Tests.Configuration;

public sealed class PlatformEventSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly TempFolder _folder;

    public PlatformEventSerializerTests(ITestOutputHelper output)
        : this(new TempFolder(), output)
    {
    }

    private PlatformEventSerializerTests(TempFolder folder, ITestOutputHelper output)
        : base(PlatformPersistenceConfig.Create(SpecDatabase.Sqlite(folder)), output: output)
    {
        _folder = folder;
    }

    public static TheoryData<object> Payloads() =>
    [
        PreviousJournalData.InMemorySets[1],
        PreviousJournalData.HistoryEntries[1],
        PreviousJournalData.Cache,
        PreviousJournalData.Boot,
        PreviousJournalData.FailedBoot,
        SpecData.State(3),
        new BootReportsSnapshot([PreviousJournalData.Boot, PreviousJournalData.FailedBoot]),
        new LegacyJournalEntry("Some.Type, Some", "{\"a\":1}"),
        new LegacyDeletedEvents(),
        new PreferencesStored("user", "app", "{\"a\":1}", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)),
        new PreferencesRemoved("user", ["app", "other"]),
        new PreferencesSnapshot([new PreferencesStored("user", "app", "{}", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero))]),
        new PreferencesReplaced("user", [new PreferencesStored("user", "notes", "{\"t\":1}", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero))]),
        new LayoutStored(Layout("morning")),
        new LayoutDeleted("Global", "morning"),
        new LayoutNameChanged("Global", "morning", "evening", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)),
        new LayoutsImported([Layout("a"), Layout("b")], true),
        new DefaultLayoutStored("morning"),
        new DefaultLayoutStored(null),
        new LayoutsSnapshot([Layout("a")], "a"),
    ];

    private static PlatformLayout Layout(string name) => new(
        name,
        "Global",
        [new LayoutComponent("window", "app", JsonDocument.Parse("""{"instanceId":"i1","context":{"x":1},"title":"App","bounds":{"width":640}}""").RootElement.Clone())],
        JsonDocument.Parse("""{"desk":"fx"}""").RootElement.Clone(),
        JsonDocument.Parse("{}").RootElement.Clone(),
        1,
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Serialization_PlatformPayload_UsesThePlatformSerializerAndRoundTrips(object payload)
    {
        var serialization = Sys.Serialization;
        var serializer = serialization.FindSerializerFor(payload);

        serializer.Should().BeOfType<PlatformEventSerializer>();
        var manifest = Serialization.ManifestFor(serializer, payload);
        var bytes = serializer.ToBinary(payload);
        var read = serialization.Deserialize(bytes, serializer.Identifier, manifest);

        read.Should().BeOfType(payload.GetType());
        serializer.ToBinary(read).Should().Equal(bytes, "what was read serializes to the same JSON");
    }

    [Fact]
    public void Manifests_AreTheStableNames()
    {
        PlatformEventSerializer.Types.Select(t => (t.Type.Name, t.Manifest)).Should().Equal(
            (nameof(InMemoryAppsPersisted), "ioactors.in-memory-apps.v1"),
            (nameof(InstanceHistoryEntry), "ioactors.instance-history-entry.v1"),
            (nameof(RemoteStoreCachePersisted), "ioactors.remote-store-cache.v1"),
            ("BootReport", "ioactors.boot-report.v1"),
            (nameof(InstanceProcessesPersisted), "ioactors.instance-processes.v1"),
            (nameof(InstanceHistorySnapshot), "ioactors.instance-history-snapshot.v1"),
            (nameof(BootReportsSnapshot), "ioactors.boot-reports-snapshot.v1"),
            (nameof(LegacyJournalEntry), "ioactors.legacy-entry.v1"),
            (nameof(LegacyDeletedEvents), "ioactors.legacy-deleted.v1"),
            (nameof(PreferencesStored), "ioactors.preferences-stored.v1"),
            (nameof(PreferencesRemoved), "ioactors.preferences-removed.v1"),
            (nameof(PreferencesSnapshot), "ioactors.preferences-snapshot.v1"),
            (nameof(PreferencesReplaced), "ioactors.preferences-replaced.v1"),
            (nameof(LayoutStored), "ioactors.layout-stored.v1"),
            (nameof(LayoutDeleted), "ioactors.layout-deleted.v1"),
            (nameof(LayoutNameChanged), "ioactors.layout-renamed.v1"),
            (nameof(LayoutsImported), "ioactors.layouts-imported.v1"),
            (nameof(DefaultLayoutStored), "ioactors.default-layout.v1"),
            (nameof(LayoutsSnapshot), "ioactors.layouts-snapshot.v1"));
    }

    [Fact]
    public void ToBinary_BootReport_WritesEnumsByNameAndLeavesOutComputedValues()
    {
        var json = Encoding.UTF8.GetString(Serializer().ToBinary(PreviousJournalData.Boot));

        json.Should().Contain("\"stage\":\"Core\"").And.Contain("\"wait\":\"AppSignal\"").And.Contain("\"outcome\":\"Ready\"");
        json.Should().NotContain("finished").And.NotContain("succeeded").And.NotContain("IoActors.");
    }

    [Fact]
    public void FromBinary_EnumWrittenAsNumber_ReadsIt()
    {
        var entry = Serializer().FromBinary(
            Encoding.UTF8.GetBytes("""{"kind":1,"instanceId":"i","appName":"a","at":"2026-01-02T03:04:05+00:00","restartCount":0}"""),
            "ioactors.instance-history-entry.v1");

        entry.Should().BeOfType<InstanceHistoryEntry>().Which.Kind.Should().Be(InstanceHistoryKind.Restarting);
    }

    [Fact]
    public void FromBinary_UnknownManifest_FailsNamingItAndTheKnownOnes()
    {
        var read = () => Serializer().FromBinary([1, 2, 3], "ioactors.nope.v9");

        read.Should().Throw<SerializationException>().Which.Message.Should()
            .Contain("'ioactors.nope.v9'").And.Contain("3 bytes").And.Contain("ioactors.instance-history-entry.v1");
    }

    [Fact]
    public void FromBinary_MalformedJson_FailsNamingTheManifestAndThePosition()
    {
        var read = () => Serializer().FromBinary(Encoding.UTF8.GetBytes("{\"kind\":\"Started\",\"at\":}"), "ioactors.instance-history-entry.v1");

        read.Should().Throw<SerializationException>().Which.Message.Should()
            .Contain("ioactors.instance-history-entry.v1").And.Contain("InstanceHistoryEntry").And.Contain("byte");
    }

    [Fact]
    public void ToBinary_TypeWithoutManifest_FailsNamingTheType()
    {
        var write = () => Serializer().ToBinary(new UnserializableEvent("x"));

        write.Should().Throw<SerializationException>().Which.Message.Should().Contain(typeof(UnserializableEvent).FullName).And.Contain("no manifest");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _folder.Dispose();
        }
    }

    private PlatformEventSerializer Serializer() => new((ExtendedActorSystem)Sys);
}
