using System.Collections.Concurrent;
using System.Text.Json;

namespace IoActors.Persistence.Serialization;

/// <summary>
/// The default serializer: System.Text.Json, with the type's "Namespace.Type, Assembly" name (no version) as
/// manifest. Register stable manifests for types that may be renamed or moved with <see cref="Register"/>.
/// </summary>
public sealed class JsonPersistenceSerializer : IPersistenceSerializer
{
    private readonly JsonSerializerOptions _options;
    // Manifest -> type, for registered aliases and types resolved once already.
    private readonly ConcurrentDictionary<string, Type> _typesByManifest = new(StringComparer.Ordinal);
    // Type -> manifest, so serializing the same type twice does not rebuild its name.
    private readonly ConcurrentDictionary<Type, string> _manifestsByType = new();

    /// <summary>Creates the serializer.</summary>
    /// <param name="options">The JSON options. The default is <see cref="JsonSerializerDefaults.Web"/> options with fields included.</param>
    public JsonPersistenceSerializer(JsonSerializerOptions? options = null)
    {
        _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web) { IncludeFields = true };
    }

    /// <summary>
    /// Registers <paramref name="manifest"/> as the stable name of <paramref name="type"/>: values of the type
    /// are written with it, and it is read back as that type.
    /// </summary>
    /// <param name="type">The event or snapshot type.</param>
    /// <param name="manifest">Its stable name, e.g. "instance-started.v1".</param>
    /// <returns>This serializer, for chaining.</returns>
    /// <exception cref="ArgumentException">The manifest is empty or already registered for another type.</exception>
    public JsonPersistenceSerializer Register(Type type, string manifest)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        var existing = _typesByManifest.GetOrAdd(manifest, type);
        if (existing != type)
        {
            throw new ArgumentException(
                $"Manifest '{manifest}' is already registered for type '{existing.FullName}'; cannot register it for '{type.FullName}'.",
                nameof(manifest));
        }

        _manifestsByType[type] = manifest;
        return this;
    }

    /// <inheritdoc />
    public SerializedPayload Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = value.GetType();
        var manifest = _manifestsByType.GetOrAdd(type, static t => $"{t.FullName}, {t.Assembly.GetName().Name}");
        try
        {
            return new SerializedPayload(manifest, JsonSerializer.Serialize(value, type, _options));
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new PersistenceSerializationException(
                $"Cannot serialize a value of type '{type.FullName}' as JSON: {e.Message}", manifest, innerException: e);
        }
    }

    /// <inheritdoc />
    public object Deserialize(SerializedPayload payload)
    {
        var type = ResolveType(payload.Manifest);
        try
        {
            return JsonSerializer.Deserialize(payload.Data, type, _options)
                ?? throw new PersistenceSerializationException(
                    $"The stored JSON for manifest '{payload.Manifest}' is null.", payload.Manifest);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new PersistenceSerializationException(
                $"Cannot deserialize JSON as '{type.FullName}' (manifest '{payload.Manifest}'): {e.Message}", payload.Manifest, innerException: e);
        }
    }

    private Type ResolveType(string manifest)
    {
        if (_typesByManifest.TryGetValue(manifest, out var known))
        {
            return known;
        }

        Type? type;
        try
        {
            type = Type.GetType(manifest, throwOnError: false);
        }
        catch (Exception e) when (e is ArgumentException or IOException or BadImageFormatException)
        {
            throw new PersistenceSerializationException($"Unknown manifest '{manifest}': {e.Message}", manifest, innerException: e);
        }

        if (type is null)
        {
            throw new PersistenceSerializationException(
                $"Unknown manifest '{manifest}': no loaded type has that name and none was registered with it.", manifest);
        }

        return _typesByManifest.GetOrAdd(manifest, type);
    }
}
