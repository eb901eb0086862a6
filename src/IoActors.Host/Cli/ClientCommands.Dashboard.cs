using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace IoActors.Host.Cli;

/// <summary><c>ioactors dashboard</c> (a one-time sign-in link for the web dashboard) and <c>ioactors stores</c> (store health).</summary>
internal static partial class ClientCommands
{
    private static Command Dashboard() =>
        Client(new Command("dashboard", "Print a one-time link that signs a browser in to the host's web dashboard."), async (p, c, o, ct) =>
        {
            var link = await c.PostAsync("/api/dashboard/links", null, ct);
            var expires = DateTimeOffset.Parse(Str(link, "expiresAt")!, CultureInfo.InvariantCulture);
            o.WriteLine($"Dashboard: {Str(link, "url")}");
            o.WriteLine($"(a one-time link: it signs one browser in, until {expires.ToLocalTime():HH:mm:ss}; the code after # is never sent in a request line)");
        });

    private static Command Stores() =>
        Client(new Command("stores", "Show the app stores' health: state, last poll and outcome, cache use, last error."), async (p, c, o, ct) =>
        {
            var stores = await c.GetAsync("/api/stores", ct);
            Table(o, ["STORE", "TYPE", "STATE", "APPS", "LAST POLL", "OUTCOME", "CACHE", "LAST ERROR"], stores.EnumerateArray().Select(s => new[]
            {
                Str(s, "storeId"), Str(s, "type"), Str(s, "state") + (s.TryGetProperty("isRequired", out var r) && r.ValueKind == JsonValueKind.True ? " (required)" : string.Empty),
                s.TryGetProperty("appCount", out var n) ? n.ToString() : "0",
                Str(s, "lastPolledAt") is { } at ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture).ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "-",
                Str(s, "lastOutcome") ?? "-",
                s.TryGetProperty("fromCache", out var f) && f.ValueKind == JsonValueKind.True ? "yes" : "no",
                Str(s, "lastError") ?? string.Empty,
            }));
        });
}
