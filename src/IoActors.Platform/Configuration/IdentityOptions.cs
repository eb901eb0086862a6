namespace IoActors.Platform.Configuration;

/// <summary>The identity gate between the pre-sso and post-sso boot stages (<c>ioactors.boot.identity</c>).</summary>
public sealed class IdentityOptions
{
    /// <summary>The identity providers this setting accepts.</summary>
    public static IReadOnlyList<string> KnownProviders { get; } = ["os", "static", "login"];

    /// <summary>
    /// Who the user is: "os" (the operating-system user), "static" (<see cref="User"/>), or "login" (the boot waits
    /// at the gate until a login through the API). The default is "os".
    /// </summary>
    public string Provider { get; set; } = "os";

    /// <summary>The user name for the "static" provider. The default is none.</summary>
    public string? User { get; set; }
}
