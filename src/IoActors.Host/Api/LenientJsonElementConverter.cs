using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using IoActors.Apps.Definitions;

namespace IoActors.Host.Api;

/// <summary>
/// Writes <see cref="JsonElement"/>s (definitions, contexts) in API answers and events so that no stored value can fail a
/// response: an element whose text holds no surrogate escape and no invalid UTF-8 (nearly all) is copied as is; otherwise
/// each string and key is written as read by <see cref="JsonText"/>, with U+FFFD in place of lone surrogates and invalid
/// UTF-8 (the default writer throws there).
/// </summary>
internal sealed class LenientJsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.Clone();
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteNullValue();
        }
        else if (!JsonStrings.MayHaveInvalidStrings(JsonMarshal.GetRawUtf8Value(value)))
        {
            value.WriteTo(writer);
        }
        else
        {
            WriteLenient(writer, value);
        }
    }

    private static void WriteLenient(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                writer.WriteStringValue(JsonText.ReadLenient(element));
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteLenient(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(JsonText.ReadLenientName(property));
                    WriteLenient(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
