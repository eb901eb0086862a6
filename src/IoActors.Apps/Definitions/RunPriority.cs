namespace IoActors.Apps.Definitions;

/// <summary>Where and how an auto-started app runs in the boot sequence (<c>runPriority</c>).</summary>
/// <param name="Stage">The boot stage.</param>
/// <param name="Priority">Higher starts earlier within the stage; equal priorities start together. 0 is the lowest.</param>
/// <param name="Timeout">How long to wait for the app to initialize, or <see langword="null"/> for the platform default.</param>
/// <param name="WaitForInitialization">What to wait for; <see langword="null"/> only on a definition that was not normalized.</param>
public sealed record RunPriority(BootStage Stage, double Priority, TimeSpan? Timeout, InitializationWait? WaitForInitialization)
{
    /// <summary>The run priority of an app whose definition has no <c>runPriority</c>.</summary>
    /// <param name="kind">The kind of store the app comes from.</param>
    /// <returns>Stage core (system stores) or user (other stores), priority 0, the store's default wait.</returns>
    public static RunPriority Default(StoreKind kind) =>
        new(DefaultStage(kind), 0, null, DefaultWait(kind));

    /// <summary>The stage used when <c>runPriority</c> is an object without <c>stage</c>.</summary>
    /// <param name="kind">The kind of store.</param>
    /// <returns><see cref="BootStage.Core"/> for system stores, otherwise <see cref="BootStage.User"/>.</returns>
    public static BootStage DefaultStage(StoreKind kind) => kind == StoreKind.System ? BootStage.Core : BootStage.User;

    /// <summary>The documented default of <c>waitForInitialization</c>.</summary>
    /// <param name="kind">The kind of store.</param>
    /// <returns><see cref="InitializationWait.No"/> for system stores, otherwise <see cref="InitializationWait.InteropReady"/>.</returns>
    public static InitializationWait DefaultWait(StoreKind kind) =>
        kind == StoreKind.System ? InitializationWait.No : InitializationWait.InteropReady;
}
