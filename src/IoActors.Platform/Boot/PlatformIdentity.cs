namespace IoActors.Platform.Boot;

/// <summary>The user the platform runs for, resolved at the identity gate between the pre-sso and post-sso stages.</summary>
/// <param name="User">The user name.</param>
/// <param name="Source">Where it came from: "os", "static" or "login".</param>
public sealed record PlatformIdentity(string User, string Source);
