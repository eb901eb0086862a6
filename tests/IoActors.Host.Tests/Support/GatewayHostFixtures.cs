namespace IoActors.Host.Tests.Support;

/// <summary>A host whose gateway has a listener of its own (<c>gw.port = 0</c>: a free port).</summary>
public sealed class GatewayPortHostFixture : HostFixture
{
    protected override string ExtraSettings => "gw.port = 0";
}

/// <summary>A host that hands clients a configured gateway URL (<c>gw.url</c>, e.g. a proxy in front of it).</summary>
public sealed class GatewayUrlHostFixture : HostFixture
{
    public const string Url = "ws://gateway.example:9999/gw";

    protected override string ExtraSettings => $"gw.url = \"{Url}\"";
}
