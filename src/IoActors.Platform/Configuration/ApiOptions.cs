using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>The HTTP API (<c>ioactors.api</c>).</summary>
public sealed class ApiOptions
{
    /// <summary>The address the API binds to. The default is <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The port (0 picks a free port). The default is 8386.</summary>
    public int Port { get; set; } = 8386;

    /// <summary>
    /// The bearer token callers must send. The default is <see langword="null"/> (or <c>IOACTORS_API_TOKEN</c> through
    /// reference.conf): the host then generates one at its first start and keeps it in the data folder's <c>api-token</c> file.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>The largest request body accepted. The default is 1MB (1,000,000 bytes).</summary>
    public HoconByteSize MaxRequestBodySize { get; set; } = HoconByteSize.Parse("1MB");

    /// <summary>The web dashboard served at <c>/</c>.</summary>
    public DashboardOptions Dashboard { get; set; } = new();
}
