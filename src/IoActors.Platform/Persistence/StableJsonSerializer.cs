using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;

namespace IoActors.Platform.Persistence;

/// <summary>
/// A serializer of persisted events and snapshots: System.Text.Json UTF-8 through build-time generated metadata, with a
/// stable manifest per type (<c>ioactors.…​.v1</c>, never a CLR type name), so a type may be renamed or moved without
/// touching stored data and a new shape gets a new manifest. Subclasses name their types.
/// </summary>
internal abstract class StableJsonSerializer : SerializerWithStringManifest
{
    private readonly string _name;
    private readonly FrozenDictionary<Type, (string Manifest, JsonTypeInfo Info)> _byType;
    private readonly FrozenDictionary<string, JsonTypeInfo> _byManifest;

    protected StableJsonSerializer(ExtendedActorSystem system, string name, IReadOnlyList<(Type Type, string Manifest, JsonTypeInfo Info)> types)
        : base(system)
    {
        _name = name;
        _byType = types.ToFrozenDictionary(t => t.Type, t => (t.Manifest, t.Info));
        _byManifest = types.ToFrozenDictionary(t => t.Manifest, t => t.Info, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public override string Manifest(object o) => Lookup(o).Manifest;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, Lookup(obj).Info);

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!_byManifest.TryGetValue(manifest, out var info))
        {
            throw new SerializationException(
                $"{_name}: unknown manifest '{manifest}' ({bytes.Length} bytes); known manifests: {string.Join(", ", _byManifest.Keys.Order(StringComparer.Ordinal))}.");
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, info)
                ?? throw new SerializationException($"{_name}: the stored JSON of manifest '{manifest}' is null.");
        }
        catch (JsonException e)
        {
            throw new SerializationException(
                $"{_name}: the stored JSON of manifest '{manifest}' does not fit {info.Type.Name} (line {e.LineNumber}, byte {e.BytePositionInLine}, path {e.Path}): {e.Message}",
                e);
        }
    }

    /// <summary>The HOCON lines that register a serializer and bind its types (inside <c>akka.actor { … }</c>).</summary>
    internal static string Bindings(string name, Type serializer, IEnumerable<Type> types)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"  serializers.{name} = {HoconText.Quote(TypeName(serializer))}");
        text.AppendLine("  serialization-bindings {");
        foreach (var type in types)
        {
            text.AppendLine($"    {HoconText.Quote(TypeName(type))} = {name}");
        }

        text.AppendLine("  }");
        return text.ToString();
    }

    private static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    private (string Manifest, JsonTypeInfo Info) Lookup(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return _byType.TryGetValue(o.GetType(), out var entry)
            ? entry
            : throw new SerializationException(
                $"{_name}: type '{o.GetType().FullName}' is bound to this serializer but has no manifest.");
    }
}
