namespace IoActors.Platform.AppManagement;

/// <summary>No registered app has the given name.</summary>
public sealed class AppNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="appName">The unknown app name.</param>
    public AppNotFoundException(string appName)
        : base($"No app named '{appName}' is registered.")
    {
        AppName = appName;
    }

    /// <summary>The unknown app name.</summary>
    public string AppName { get; }
}
