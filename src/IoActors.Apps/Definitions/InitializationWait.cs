namespace IoActors.Apps.Definitions;

/// <summary>What the boot sequence waits for before it starts the next group (<c>runPriority.waitForInitialization</c>).</summary>
public enum InitializationWait
{
    /// <summary><c>"no"</c> or <c>false</c>: do not wait.</summary>
    No = 0,

    /// <summary><c>true</c>: wait for the app to initialize (the launcher decides what initialized means for the type).</summary>
    Yes,

    /// <summary><c>"appSignal"</c>: wait until the app explicitly signals that it is ready.</summary>
    AppSignal,

    /// <summary><c>"interopReady"</c>: wait until the app's Interop library is initialized.</summary>
    InteropReady,
}
