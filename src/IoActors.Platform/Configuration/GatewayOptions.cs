using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>The io.Connect gateway (<c>gw</c>): the WebSocket endpoint io.Connect clients connect to.</summary>
public sealed class GatewayOptions
{
    /// <summary>Whether the gateway is started. The default is <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The address of the gateway's own listener (used when <see cref="Port"/> is set). The default is <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>
    /// The port of the gateway's own listener (0 picks a free port), serving only <c>/gw</c>. The default is
    /// <see langword="null"/>: the gateway is served by the HTTP API's listener at <c>/gw</c>.
    /// </summary>
    public int? Port { get; set; }

    /// <summary>
    /// The URL handed to clients (e.g. through a proxy). The default is <see langword="null"/>: <c>ws://&lt;address&gt;:&lt;port&gt;/gw</c>
    /// of the listener that serves the gateway.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>
    /// How many bytes of messages may wait for one client; a client whose queue would hold more (it does not read) is
    /// closed with 1008 and a reason. The default is 640KiB (three 200 KB replies).
    /// </summary>
    public HoconByteSize SendQueueLimit { get; set; } = HoconByteSize.Parse("640KiB");
}
