using System.Text.Json.Nodes;

namespace IoActors.Gateway.Server;

/// <summary>Thrown by a server-peer method or subscription handler to send the caller an error with a reason and optional context.</summary>
public sealed class GatewayMethodException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The reason the caller receives.</param>
    /// <param name="context">Extra data the caller receives with the error (<c>context</c>), or <see langword="null"/>.</param>
    public GatewayMethodException(string message, JsonObject? context = null)
        : base(message)
    {
        Context = context;
    }

    /// <summary>Extra data the caller receives with the error, or <see langword="null"/>.</summary>
    public JsonObject? Context { get; }
}
