namespace IoActors.Gateway;

/// <summary>A user name and secret a client may present with the <c>secret</c> authentication method.</summary>
/// <param name="User">The user name (the <c>login</c> field of the hello message).</param>
/// <param name="Secret">The secret (the <c>secret</c> field of the hello message).</param>
public sealed record GatewayCredential(string User, string Secret);
