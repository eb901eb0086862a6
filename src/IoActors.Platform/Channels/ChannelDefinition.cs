using System.Text.Json;

namespace IoActors.Platform.Channels;

/// <summary>One io.Connect channel from the configuration.</summary>
/// <param name="Name">The channel's unique name (what <c>io.channels.join(name)</c> takes).</param>
/// <param name="Meta">The channel's meta data: at least <c>color</c>; <c>fdc3.id</c> makes it an FDC3 user channel.</param>
public sealed record ChannelDefinition(string Name, JsonElement Meta);
