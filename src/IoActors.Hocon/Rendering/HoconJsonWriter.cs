using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IoActors.Hocon.Rendering;

/// <summary>Writes a resolved tree as JSON; numbers are written as they appeared in the file.</summary>
internal static class HoconJsonWriter
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(HoconValue value, bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, indented ? Indented : Compact))
        {
            WriteValue(writer, value);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static void AppendQuoted(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    private static void WriteValue(Utf8JsonWriter writer, HoconValue value)
    {
        switch (value)
        {
            case HoconObject obj:
                writer.WriteStartObject();
                foreach (var (key, field) in obj)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, field);
                }

                writer.WriteEndObject();
                break;
            case HoconArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case HoconScalar scalar:
                switch (scalar.Kind)
                {
                    case HoconValueKind.Number:
                        writer.WriteRawValue(scalar.Text, skipInputValidation: true);
                        break;
                    case HoconValueKind.Boolean:
                        writer.WriteBooleanValue(scalar.Text == "true");
                        break;
                    case HoconValueKind.Null:
                        writer.WriteNullValue();
                        break;
                    default:
                        writer.WriteStringValue(scalar.Text);
                        break;
                }

                break;
            default:
                throw new InvalidOperationException("The tree is not resolved.");
        }
    }
}
