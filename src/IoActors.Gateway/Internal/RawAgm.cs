using System.Buffers;
using System.Text.Json;

namespace IoActors.Gateway.Internal;

/// <summary>
/// An interop <c>call</c> or <c>yield</c> of a client, routed without a JSON tree: the routing fields the frame check
/// read, and the payloads as the client's own JSON bytes (already checked: well-formed, readable text, no repeated
/// keys). An empty payload stands for one the message does not carry (absent, JSON null, or for a call's arguments
/// not an object), which is forwarded as <c>{}</c>, as the tree-based handlers did.
/// </summary>
/// <param name="Type"><c>call</c> or <c>yield</c>.</param>
/// <param name="RequestId">The call's request id (a yield's, when it has one).</param>
/// <param name="ServerId">The call's server id.</param>
/// <param name="MethodId">The call's method id.</param>
/// <param name="InvocationId">The yield's invocation id.</param>
/// <param name="Payload">The call's <c>arguments_kv</c>, or the yield's <c>result</c>.</param>
/// <param name="Context">The call's <c>context</c>.</param>
internal sealed record RawAgmFrame(string Type, string? RequestId, string? ServerId, string? MethodId, string? InvocationId, ReadOnlyMemory<byte> Payload, ReadOnlyMemory<byte> Context)
{
    /// <summary>
    /// The frame as a <see cref="RawAgmFrame"/> when it is an agm call with request, server and method ids, or an agm yield
    /// with an invocation id; otherwise null (it takes the tree-based path, which also answers what is missing).
    /// </summary>
    public static RawAgmFrame? TryCreate(ReadOnlySpan<byte> frame, in FrameScan scan)
    {
        if (!scan.IsObject || scan.Domain != Wire.Agm)
        {
            return null;
        }

        if (scan.Type == "call" && scan.RequestId is not null && scan.ServerId is not null && scan.MethodId is not null)
        {
            var args = scan.Arguments.Kind == PayloadKind.Object ? scan.Arguments : default;
            var context = scan.Context.Kind is PayloadKind.Object or PayloadKind.Other ? scan.Context : default;
            var bytes = new byte[args.Length + context.Length];
            frame.Slice(args.Start, args.Length).CopyTo(bytes);
            frame.Slice(context.Start, context.Length).CopyTo(bytes.AsSpan(args.Length));
            return new RawAgmFrame("call", scan.RequestId, scan.ServerId, scan.MethodId, null, bytes.AsMemory(0, args.Length), bytes.AsMemory(args.Length));
        }

        if (scan.Type == "yield" && scan.InvocationId is not null)
        {
            var result = scan.Result.Kind is PayloadKind.Object or PayloadKind.Other ? scan.Result : default;
            var bytes = frame.Slice(result.Start, result.Length).ToArray();
            return new RawAgmFrame("yield", scan.RequestId, null, null, scan.InvocationId, bytes, ReadOnlyMemory<byte>.Empty);
        }

        return null;
    }
}

/// <summary>A <see cref="RawAgmFrame"/> from a logged-in peer, for the router.</summary>
internal sealed record PeerRawFrame(string PeerId, RawAgmFrame Frame);

/// <summary>
/// Writes the router's per-call messages (<c>invoke</c>, <c>result</c>) straight to UTF-8, with the payloads copied in
/// as raw JSON. Owned by the router and used only inside its message handling (one message at a time), so its reused
/// buffer is never touched by two threads at once.
/// </summary>
internal sealed class RawAgmWriter
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();
    private ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;

    public RawAgmWriter() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });

    /// <summary><c>{"domain":"agm","type":"invoke","peer_id","invocation_id","method_id","caller_id","arguments_kv","context"}</c>.</summary>
    public byte[] Invoke(string serverId, string invocationId, string methodId, string callerId, ReadOnlySpan<byte> args, ReadOnlySpan<byte> context)
    {
        var w = Start("invoke");
        w.WriteString("peer_id"u8, serverId);
        w.WriteString("invocation_id"u8, invocationId);
        w.WriteString("method_id"u8, methodId);
        w.WriteString("caller_id"u8, callerId);
        w.WritePropertyName("arguments_kv"u8);
        w.WriteRawValue(args.IsEmpty ? EmptyObject : args, skipInputValidation: true);
        w.WritePropertyName("context"u8);
        w.WriteRawValue(context.IsEmpty ? EmptyObject : context, skipInputValidation: true);
        return Finish();
    }

    /// <summary><c>{"domain":"agm","type":"result","request_id","peer_id","result"}</c>.</summary>
    public byte[] Result(string requestId, string callerId, ReadOnlySpan<byte> result)
    {
        var w = Start("result");
        w.WriteString("request_id"u8, requestId);
        w.WriteString("peer_id"u8, callerId);
        w.WritePropertyName("result"u8);
        w.WriteRawValue(result.IsEmpty ? EmptyObject : result, skipInputValidation: true);
        return Finish();
    }

    private Utf8JsonWriter Start(string type)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _writer.WriteString("domain"u8, Wire.Agm);
        _writer.WriteString("type"u8, type);
        return _writer;
    }

    private byte[] Finish()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        var bytes = _buffer.WrittenSpan.ToArray();
        if (_buffer.Capacity > 64 * 1024)
        {
            // A huge payload does not keep its buffer: the next message starts small again.
            _buffer = new ArrayBufferWriter<byte>(512);
        }

        return bytes;
    }
}
