namespace IoActors.Persistence.Serialization;

/// <summary>A serialized event or snapshot: its type manifest and its text.</summary>
/// <param name="Manifest">Names the type, so the payload can be deserialized later.</param>
/// <param name="Data">The serialized value (JSON for the default serializer).</param>
public readonly record struct SerializedPayload(string Manifest, string Data);
