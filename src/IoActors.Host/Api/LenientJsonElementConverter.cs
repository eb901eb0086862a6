using System.Text.Json;
using System.Text.Json.Serialization;

namespace IoActors.Host.Api;

/// <summary>
/// Writes <see cref="JsonElement"/>s (definitions, contexts) in API answers and events so that no stored value can fail a
/// response: an element whose strings all read as Unicode is copied as is; otherwise each unreadable string or key is
/// written with U+FFFD in place of its lone surrogates and invalid UTF-8 (the default writer throws there).
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
        else if (IsReadableTree(value))
        {
            value.WriteTo(writer);
        }
        else
        {
            WriteLenient(writer, value);
        }
    }

    private static bool IsReadableTree(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => JsonText.IsReadable(element),
        JsonValueKind.Array => element.EnumerateArray().All(IsReadableTree),
        JsonValueKind.Object => element.EnumerateObject().All(p => JsonText.TryGetName(p, out _) && IsReadableTree(p.Value)),
        _ => true,
    };

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
