namespace IoActors.Persistence.Serialization;

/// <summary>
/// Turns events and snapshots into text plus a type manifest and back. The default is
/// <see cref="JsonPersistenceSerializer"/>; plug another one in through <see cref="PersistenceOptions.Serializer"/>.
/// </summary>
/// <remarks>Implementations must be thread-safe: the journal calls them concurrently.</remarks>
public interface IPersistenceSerializer
{
    /// <summary>Serializes <paramref name="value"/>.</summary>
    /// <param name="value">The event or snapshot.</param>
    /// <exception cref="PersistenceSerializationException">The value cannot be serialized.</exception>
    SerializedPayload Serialize(object value);

    /// <summary>Deserializes what <see cref="Serialize"/> produced.</summary>
    /// <param name="payload">The manifest and data.</param>
    /// <exception cref="PersistenceSerializationException">The manifest is unknown or the data does not fit it.</exception>
    object Deserialize(SerializedPayload payload);
}
