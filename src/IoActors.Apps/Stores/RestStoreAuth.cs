namespace IoActors.Apps.Stores;

/// <summary>How a REST store authenticates (<c>details.auth</c>).</summary>
public enum RestStoreAuth
{
    /// <summary><c>"no-auth"</c>: no credentials.</summary>
    NoAuth = 0,

    /// <summary><c>"negotiate"</c>: the process's default credentials (SPNEGO).</summary>
    Negotiate,

    /// <summary><c>"kerberos"</c>: the process's default credentials (Kerberos).</summary>
    Kerberos,
}
