using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <summary>
/// Structural equality and a structural 64-bit hash of JSON values in which key order, whitespace, comments, string
/// escaping and number spelling (<c>1</c>, <c>1.0</c>, <c>1e0</c>) never count as a change; array order does.
/// Also the canonical JSON text (keys sorted ordinally), for diagnostics and for pinning the semantics in tests.
/// </summary>
/// <remarks>
/// The hash walks the elements once without building canonical text: an object hashes to a mix of the <em>sum</em> of
/// its members' hashes (a commutative combination, so no sorting and no allocation), an array to an ordered chain,
/// strings and names to XXH64 of their unescaped UTF-8, numbers to the bits of their double value.
/// </remarks>
internal static class CanonicalJson
{
    private const ulong ObjectTag = 0x9E3779B97F4A7C15UL;
    private const ulong ArrayTag = 0xC2B2AE3D27D4EB4FUL;
    private const ulong StringSeed = 0x165667B19E3779F9UL;
    private const ulong NameSeed = 0x27D4EB2F165667C5UL;
    private const ulong NumberTag = 0x85EBCA77C2B2AE63UL;

    public static ulong Hash(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                ulong sum = 0;
                ulong count = 0;
                foreach (var property in element.EnumerateObject())
                {
                    sum += Mix(HashName(property) ^ Mix(Hash(property.Value) + NameSeed));
                    count++;
                }

                return Mix(sum ^ (ObjectTag + count));
            case JsonValueKind.Array:
                var h = ArrayTag;
                foreach (var item in element.EnumerateArray())
                {
                    h = Mix((h * 31) + Hash(item));
                }

                return h;
            case JsonValueKind.String:
                return HashString(element);
            case JsonValueKind.Number:
                if (element.TryGetDouble(out var d) && double.IsFinite(d))
                {
                    return Mix((ulong)BitConverter.DoubleToInt64Bits(d == 0 ? 0d : d) ^ NumberTag);
                }

                return XxHash64.Hash(JsonMarshal.GetRawUtf8Value(element), NumberTag);
            case JsonValueKind.True:
                return 0x5851F42D4C957F2DUL;
            case JsonValueKind.False:
                return 0x14057B7EF767814FUL;
            default:
                return 0x2545F4914F6CDD1DUL;
        }
    }

    private static ulong HashName(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return raw.IndexOf((byte)'\\') < 0 ? XxHash64.Hash(raw, NameSeed) : XxHash64.Hash(Encoding.UTF8.GetBytes(property.Name), NameSeed);
    }

    private static ulong HashString(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        raw = raw[1..^1];
        return raw.IndexOf((byte)'\\') < 0 ? XxHash64.Hash(raw, StringSeed) : XxHash64.Hash(Encoding.UTF8.GetBytes(element.GetString()!), StringSeed);
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        x ^= x >> 33;
        return x;
    }

    // One buffer per thread: stores hash thousands of definitions per poll and the buffer is reused across them.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static byte[] ToBytes(JsonElement element)
    {
        var (buffer, writer) = Rent();
        Write(writer, element);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Structural equality: objects as unordered sets of members, numbers by value.</summary>
    public static bool Equal(JsonElement a, JsonElement b) => JsonElement.DeepEquals(a, b);

    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer) Rent()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        writer.Reset(buffer);
        return (buffer, writer);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(writer, element);
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var l))
                {
                    writer.WriteNumberValue(l);
                }
                else if (element.TryGetDouble(out var d) && double.IsFinite(d))
                {
                    writer.WriteNumberValue(d);
                }
                else
                {
                    element.WriteTo(writer);
                }

                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonElement element)
    {
        writer.WriteStartObject();
        var count = 0;
        foreach (var _ in element.EnumerateObject())
        {
            count++;
        }

        if (count > 0)
        {
            var properties = ArrayPool<JsonProperty>.Shared.Rent(count);
            var i = 0;
            var sorted = true;
            string? previous = null;
            foreach (var p in element.EnumerateObject())
            {
                properties[i++] = p;
                if (previous is not null && string.CompareOrdinal(previous, p.Name) > 0)
                {
                    sorted = false;
                }

                previous = p.Name;
            }

            if (!sorted)
            {
                // Stable, so duplicate keys keep their relative order.
                var keys = new string[count];
                for (var k = 0; k < count; k++)
                {
                    keys[k] = properties[k].Name;
                }

                var span = properties.AsSpan(0, count);
                var order = new int[count];
                for (var k = 0; k < count; k++)
                {
                    order[k] = k;
                }

                Array.Sort(order, (x, y) => { var c = string.CompareOrdinal(keys[x], keys[y]); return c != 0 ? c : x.CompareTo(y); });
                var copy = span.ToArray();
                for (var k = 0; k < count; k++)
                {
                    span[k] = copy[order[k]];
                }
            }

            for (var k = 0; k < count; k++)
            {
                writer.WritePropertyName(properties[k].Name);
                Write(writer, properties[k].Value);
            }

            Array.Clear(properties, 0, count);
            ArrayPool<JsonProperty>.Shared.Return(properties);
        }

        writer.WriteEndObject();
    }
}
