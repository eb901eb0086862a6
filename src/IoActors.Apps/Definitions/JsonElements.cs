using System.Buffers;
using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <summary>Small helpers to build read-only <see cref="JsonElement"/> values that own their memory.</summary>
internal static class JsonElements
{
    // Reused per thread: normalization and overrides rewrite many definitions in a row.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    [ThreadStatic]
    private static bool t_inUse;

    /// <summary>Writes JSON with <paramref name="write"/> and returns it as a self-contained element (no disposal needed).</summary>
    public static JsonElement Build(Action<Utf8JsonWriter> write)
    {
        if (t_inUse)
        {
            // Nested build (a merge inside a rewrite): the shared buffer is busy, use a private one.
            var local = new ArrayBufferWriter<byte>(1024);
            using (var localWriter = new Utf8JsonWriter(local))
            {
                write(localWriter);
            }

            return JsonDocument.Parse(local.WrittenSpan.ToArray()).RootElement;
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        t_inUse = true;
        try
        {
            write(writer);
            writer.Flush();
        }
        finally
        {
            t_inUse = false;
        }

        // The bytes are copied into a document that owns them and is never disposed, so the element stays valid.
        return JsonDocument.Parse(buffer.WrittenSpan.ToArray()).RootElement;
    }

    /// <summary>The element of JSON text the caller hands over (the bytes become the element's own; they must not change).</summary>
    public static JsonElement Owned(byte[] utf8) => JsonDocument.Parse(utf8, AppDefinition.DocumentOptions).RootElement;

    public static JsonElement FromUtf8(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        return JsonElement.ParseValue(ref reader);
    }
}
