using System.Buffers;
using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <summary>Small helpers to build read-only <see cref="JsonElement"/> values that own their memory.</summary>
internal static class JsonElements
{
    /// <summary>Writes JSON with <paramref name="write"/> and returns it as a self-contained element (no disposal needed).</summary>
    public static JsonElement Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return FromUtf8(buffer.WrittenSpan);
    }

    public static JsonElement FromUtf8(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        return JsonElement.ParseValue(ref reader);
    }
}
