using System.Text.Json.Nodes;

namespace IoActors.Gateway.Server;

/// <summary>A stream registered by the platform's server peer.</summary>
public interface IGatewayStream
{
    /// <summary>The stream's method name.</summary>
    string Name { get; }

    /// <summary>Sends data to every current subscriber (after each one's snapshot).</summary>
    /// <param name="data">The data; it must be a JSON object for io.Connect clients.</param>
    void Push(JsonNode data);
}
