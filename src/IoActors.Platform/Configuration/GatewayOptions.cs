using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>The io.Connect gateway (<c>gw</c>): the WebSocket endpoint io.Connect clients connect to.</summary>
public sealed class GatewayOptions
{
    /// <summary>Whether the gateway is started. The default is <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The address the gateway binds to. The default is <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The port the gateway listens on (0 picks a free port). The default is 8385.</summary>
    public int Port { get; set; } = 8385;

    /// <summary>The URL handed to clients. The default is <see langword="null"/>: <c>ws://&lt;host&gt;:&lt;port&gt;/gw</c>.</summary>
    public string? Url { get; set; }

    /// <summary>
    /// How many bytes of messages may wait for one client; a client whose queue would hold more (it does not read) is
    /// closed with 1008 and a reason. The default is 640KiB (three 200 KB replies).
    /// </summary>
    public HoconByteSize SendQueueLimit { get; set; } = HoconByteSize.Parse("640KiB");
}
