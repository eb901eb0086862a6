using System.Buffers;
using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <summary>
/// Canonical JSON (object keys sorted ordinally, no whitespace, integers as integers and other numbers in their shortest
/// round-trip form) and a 64-bit hash of it, so that key order and formatting never count as a change.
/// </summary>
internal static class CanonicalJson
{
    // One buffer per thread: stores hash thousands of definitions per poll and the buffer is reused across them.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static ulong Hash(JsonElement element)
    {
        var (buffer, writer) = Rent();
        Write(writer, element);
        writer.Flush();
        return XxHash64.Hash(buffer.WrittenSpan);
    }

    public static byte[] ToBytes(JsonElement element)
    {
        var (buffer, writer) = Rent();
        Write(writer, element);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static bool Equal(JsonElement a, JsonElement b) => ToBytes(a).AsSpan().SequenceEqual(ToBytes(b));

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
