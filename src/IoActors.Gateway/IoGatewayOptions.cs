namespace IoActors.Gateway;

/// <summary>Settings of the io.Connect-compatible gateway, validated once when the gateway starts.</summary>
public sealed class IoGatewayOptions
{
    /// <summary>The largest WebSocket message (one JSON document) a client may send, in bytes; a larger one closes the connection with a protocol error. The default is 1 MiB.</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How many bytes of outgoing messages may wait for one client (each message counts its size plus 64 bytes). A client
    /// whose queue would grow beyond it is cut off: what waits is dropped, and once the message being written is taken
    /// (within 5 s) the connection is closed with 1008 and a reason naming the limit. A message is always taken when
    /// nothing waits, so one reply larger than the limit still goes out. The default is 640 KiB (three 200 KB replies).
    /// </summary>
    public long SendQueueLimit { get; set; } = 640 * 1024;

    /// <summary>How long a new connection may take to send a valid <c>hello</c>. The default is 10 seconds.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the platform waits for each client's <c>T42.ACS.OnGDShutdown</c> handler. The default is 60 seconds.</summary>
    public TimeSpan ShutdownHandlerTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>User name/secret pairs accepted with the <c>secret</c> authentication method, for clients the platform did not start. The default is none.</summary>
    public IList<GatewayCredential> Credentials { get; } = new List<GatewayCredential>();

    /// <summary>The environment reported to clients (identity <c>environment</c>). The default is <c>"IOACTORS"</c>.</summary>
    public string Environment { get; set; } = "IOACTORS";

    /// <summary>The region reported to clients (identity <c>region</c>). The default is <c>"LOCAL"</c>.</summary>
    public string Region { get; set; } = "LOCAL";

    /// <summary>The user name put in resolved identities of clients started by the platform. The default is the OS user name.</summary>
    public string User { get; set; } = System.Environment.UserName;

    /// <summary>Whether clients from other machines may connect; when false, a connection whose remote address is not loopback is refused with 403. The default is <see langword="false"/>.</summary>
    public bool AllowRemoteConnections { get; set; }

    /// <summary>Whether the platform methods (<c>T42.GD.Execute</c>, <c>T42.ACS.*</c>, <c>T42.Wnd.OnEvent</c>) are registered. The default is <see langword="true"/>.</summary>
    public bool RegisterPlatformMethods { get; set; } = true;

    /// <summary>
    /// Whether the host runs the gateway's router (<see cref="IIoGateway.RouterProps"/>; the <c>ioactors</c> host as a
    /// child of the platform) instead of the gateway creating it in an actor system of its own. The <c>ioactors</c> host
    /// sets it. The default is <see langword="false"/>.
    /// </summary>
    public bool HostedByPlatform { get; set; }

    /// <summary>Checks every setting and reports all problems at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid; the message names each field, value and rule.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (MaxMessageBytes < 1024)
        {
            problems.Add($"{nameof(MaxMessageBytes)} is {MaxMessageBytes}; it must be at least 1024.");
        }

        if (SendQueueLimit < 4096)
        {
            problems.Add($"{nameof(SendQueueLimit)} is {SendQueueLimit}; it must be at least 4096 bytes.");
        }

        if (HandshakeTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(HandshakeTimeout)} is {HandshakeTimeout}; it must be positive.");
        }

        if (ShutdownHandlerTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(ShutdownHandlerTimeout)} is {ShutdownHandlerTimeout}; it must be positive.");
        }

        for (var i = 0; i < Credentials.Count; i++)
        {
            if (string.IsNullOrEmpty(Credentials[i].User))
            {
                problems.Add($"{nameof(Credentials)}[{i}].{nameof(GatewayCredential.User)} is empty; it must name a user.");
            }
        }

        if (string.IsNullOrWhiteSpace(Environment))
        {
            problems.Add($"{nameof(Environment)} is empty; it must be a name.");
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            problems.Add($"{nameof(Region)} is empty; it must be a name.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid gateway options: " + string.Join(" ", problems));
        }
    }
}
