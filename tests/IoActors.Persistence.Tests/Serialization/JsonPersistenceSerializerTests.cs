using FluentAssertions;
using IoActors.Persistence.Serialization;
using IoActors.Persistence.Tests.Support;
using Xunit;

namespace IoActors.Persistence.Tests.Serialization;

public sealed class JsonPersistenceSerializerTests
{
    private readonly JsonPersistenceSerializer _serializer = new();

    [Fact]
    public void Serialize_Record_WritesJsonWithTypeManifestAndRoundTrips()
    {
        var payload = _serializer.Serialize(new TestEvent("a", 1));

        payload.Manifest.Should().Be("IoActors.Persistence.Tests.Support.TestEvent, IoActors.Persistence.Tests");
        payload.Data.Should().Be("""{"name":"a","number":1}""");
        _serializer.Deserialize(payload).Should().Be(new TestEvent("a", 1));
    }

    [Fact]
    public void Register_StableManifest_IsWrittenAndReadBack()
    {
        _serializer.Register(typeof(TestEvent), "test-event.v1");

        var payload = _serializer.Serialize(new TestEvent("b", 2));

        payload.Manifest.Should().Be("test-event.v1");
        _serializer.Deserialize(payload).Should().Be(new TestEvent("b", 2));
    }

    [Fact]
    public void Register_ManifestTakenByAnotherType_ThrowsNamingBoth()
    {
        _serializer.Register(typeof(TestEvent), "taken");

        var register = () => _serializer.Register(typeof(TestState), "taken");

        register.Should().Throw<ArgumentException>().WithMessage("*'taken'*TestEvent*TestState*");
    }

    [Fact]
    public void Deserialize_UnknownManifest_ThrowsNamingIt()
    {
        var read = () => _serializer.Deserialize(new SerializedPayload("No.Such.Type, Nowhere", "{}"));

        read.Should().Throw<PersistenceSerializationException>()
            .Where(e => e.Manifest == "No.Such.Type, Nowhere" && e.Message.Contains("Unknown manifest 'No.Such.Type, Nowhere'"));
    }

    [Fact]
    public void Deserialize_MalformedJson_ThrowsNamingManifestAndType()
    {
        var manifest = _serializer.Serialize(new TestEvent("a", 1)).Manifest;

        var read = () => _serializer.Deserialize(new SerializedPayload(manifest, "{\"number\": \"not a number\"}"));

        read.Should().Throw<PersistenceSerializationException>().WithMessage("*TestEvent*");
    }

    [Fact]
    public void Serialize_UnsupportedValue_ThrowsNamingType()
    {
        var write = () => _serializer.Serialize(new UnserializableEvent(typeof(int)));

        write.Should().Throw<PersistenceSerializationException>().WithMessage("*UnserializableEvent*");
    }
}
