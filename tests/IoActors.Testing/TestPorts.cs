using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IoActors.Testing;

/// <summary>
/// Ports for a server that a test starts in another process and must name before that process binds (a PostgreSQL
/// server, the cluster's Akka.Remote addresses, which are each other's seeds). A port the system picks for port 0 comes
/// from the ephemeral range, which every outbound connection draws from too, so between the check and the server's bind
/// another connection can take it ("Address already in use", seen in one full-suite run in three once the browser
/// tests ran beside the cluster tests). Ports below that range are never handed out implicitly: this picks free ones
/// there, from a random start, and never the same one twice in a process.
/// </summary>
public static class TestPorts
{
    private static readonly object Gate = new();
    private static readonly HashSet<int> Given = [];

    /// <summary>Free loopback ports below the ephemeral range, each different.</summary>
    /// <param name="count">How many.</param>
    /// <returns>The ports.</returns>
    public static int[] Free(int count)
    {
        var (low, high) = Range();
        var ports = new List<int>(count);
        lock (Gate)
        {
            var span = high - low;
            var next = low + Random.Shared.Next(span);
            for (var tried = 0; ports.Count < count && tried < span; tried++, next = next + 1 >= high ? low : next + 1)
            {
                if (!Given.Contains(next) && IsFree(next))
                {
                    Given.Add(next);
                    ports.Add(next);
                }
            }
        }

        return ports.Count == count ? [.. ports] : throw new InvalidOperationException($"no {count} free ports in {low}..{high - 1}");
    }

    /// <summary>One free loopback port below the ephemeral range.</summary>
    /// <returns>The port.</returns>
    public static int Free() => Free(1)[0];

    // [low, high): the 20 000 ports below the ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range, else the
    // IANA dynamic range 49152..65535).
    private static (int Low, int High) Range()
    {
        var ephemeralStart = 49152;
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            ephemeralStart = int.Parse(text[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
        }

        var high = Math.Max(ephemeralStart, 2048);
        return (Math.Max(1024, high - 20_000), high);
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
