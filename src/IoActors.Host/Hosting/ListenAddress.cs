using System.Net;

namespace IoActors.Host.Hosting;

/// <summary>The addresses Kestrel listens on, from the configured hosts, and the URLs local clients use for them.</summary>
internal static class ListenAddress
{
    /// <summary>The address to bind for a configured host (an IP address, <c>localhost</c> or <c>*</c> for every address).</summary>
    public static IPAddress Parse(string host) => host switch
    {
        "localhost" => IPAddress.Loopback,
        "*" => IPAddress.Any,
        _ => IPAddress.Parse(host),
    };

    /// <summary>The URL a local client uses for a bound endpoint (a wildcard address becomes 127.0.0.1).</summary>
    public static string LocalUrl(string scheme, IPEndPoint endpoint)
    {
        var address = endpoint.Address.Equals(IPAddress.Any) || endpoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.Loopback : endpoint.Address;
        return $"{scheme}://{new IPEndPoint(address, endpoint.Port)}";
    }
}
