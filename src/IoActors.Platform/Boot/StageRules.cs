using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;

namespace IoActors.Platform.Boot;

/// <summary>
/// The boot-stage rules of the seeds: core — only exe and node apps, only from system stores; pre-sso and post-sso — apps
/// from system stores or the in-memory store; user — apps from regular stores or the in-memory store.
/// </summary>
internal static class StageRules
{
    /// <summary>Checks whether an app may be started at boot in the stage it asks for.</summary>
    /// <param name="app">The registered app.</param>
    /// <param name="stage">The stage.</param>
    /// <returns><see langword="null"/> when allowed; otherwise the rule it breaks.</returns>
    public static string? Check(RegisteredApp app, BootStage stage)
    {
        ArgumentNullException.ThrowIfNull(app);
        var kind = app.StoreKind;
        var type = app.Definition.Type;
        return stage switch
        {
            BootStage.Core when kind != StoreKind.System =>
                $"the core stage starts only apps from system app stores; '{app.Name}' comes from store '{app.StoreId}'",
            BootStage.Core when type is not (AppType.Exe or AppType.Node) =>
                $"the core stage starts only exe and node apps; '{app.Name}' is of type '{app.Definition.TypeName}'",
            BootStage.PreSso or BootStage.PostSso when kind == StoreKind.Regular =>
                $"the {StageName(stage)} stage starts only apps from system app stores or the in-memory store; '{app.Name}' comes from store '{app.StoreId}'",
            BootStage.User when kind == StoreKind.System =>
                $"the user stage starts only apps from regular app stores or the in-memory store; '{app.Name}' comes from system store '{app.StoreId}'",
            _ => null,
        };
    }

    /// <summary>The configuration name of a stage ("core", "pre-sso", "post-sso", "user").</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The name.</returns>
    public static string StageName(BootStage stage) => stage switch
    {
        BootStage.Core => "core",
        BootStage.PreSso => "pre-sso",
        BootStage.PostSso => "post-sso",
        _ => "user",
    };
}
