using System.Text.Json.Nodes;
using IoActors.Gateway.Server;

namespace IoActors.Gateway.Internal;

/// <summary>
/// The io.Connect Desktop methods of what this host does not have (opening windows, window groups, displays, hotkeys, the
/// platform's branches, regions and entitlements, themes selection, cookies): each is registered so that the client gets
/// an answer at once (without a method the client waits up to 90 s for one to appear), and each call fails with
/// "not supported by IoActors: &lt;feature&gt;". Themes are answered with their headless meaning: no themes.
/// </summary>
internal sealed partial class PlatformMethods
{
    public const string ThemesConfiguration = "T42.Themes.Configuration";
    public const string ThemesList = "T42.Themes.List";
    public const string ThemesSelect = "T42.Themes.Select";

    /// <summary>The shared context the themes library subscribes to for theme changes; it stays without themes.</summary>
    public const string ThemesContext = "T42.Themes";

    // Method → the feature its calls name; null: the call's "command" argument names it, under that prefix.
    private static readonly (string Method, string Feature, bool ByCommand)[] Unsupported =
    [
        ("T42.Wnd.Create", "windows.open", false),
        ("T42.Group.Execute", "windows.groups.", true),
        ("T42.JumpList.Action", "windows.jumpList.", true),
        ("T42.Displays.Command", "displays.", true),
        ("T42.Hotkeys.Command", "hotkeys.", true),
        ("T42.ACS.ActivateApplication", "appManager instance.activate", false),
        ("T42.ACS.GetUser", "appManager.currentUser", false),
        ("T42.ACS.GetConfigurationRegion", "appManager.getRegion", false),
        ("T42.ACS.SetConfigurationRegion", "appManager.setRegion", false),
        ("T42.ACS.GetBranches", "appManager.getBranches", false),
        ("T42.ACS.GetCurrentBranch", "appManager.getCurrentBranch", false),
        ("T42.ACS.SetCurrentBranch", "appManager.setCurrentBranch", false),
        ("T42.ACS.GetFunctionalEntitlement", "appManager.getFunctionalEntitlement", false),
        ("T42.ACS.CanI", "appManager.canI", false),
        ("T42.ACS.Feedback", "feedback", false),
        (ThemesSelect, "themes.select", false),
    ];

    // T42.GD.Execute commands of features this host does not have, by the name of the call that sends them.
    private static readonly Dictionary<string, string> UnsupportedGdCommands = new(StringComparer.Ordinal)
    {
        ["get-cookies"] = "cookies.get",
        ["set-cookie"] = "cookies.set",
        ["remove-cookie"] = "cookies.remove",
    };

    /// <summary>The error of a call of something this host does not have.</summary>
    internal static GatewayMethodException NotSupported(string feature, string? why = null) =>
        new(why is null ? $"not supported by IoActors: {feature}" : $"not supported by IoActors: {feature} ({why})");

    private static GatewayMethodException NotSupportedGdCommand(string? command) =>
        command is not null && UnsupportedGdCommands.TryGetValue(command, out var feature)
            ? NotSupported(feature)
            : NotSupported($"T42.GD.Execute '{command ?? "(no command)"}'", "supported commands: signal-app-ready, announce-instance-ready");

    private async Task StartNotSupportedAsync(IGatewayServer server, CancellationToken cancellationToken)
    {
        foreach (var (method, feature, byCommand) in Unsupported)
        {
            await server.RegisterMethodAsync(method, (call, _) => throw NotSupported(byCommand ? feature + (call.Arguments["command"]?.ToString() ?? "(no command)") : feature), cancellationToken).ConfigureAwait(false);
        }

        // Themes: the library asks for its configuration when it is created; no themes, and no theme ever selected.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        (await _gateway.RouterAsync(cancellationToken).ConfigureAwait(false)).Tell(new DefineServerContexts([(ThemesContext, new JsonObject { ["all"] = new JsonArray(), ["selected"] = null })], done), Akka.Actor.ActorRefs.NoSender);
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await server.RegisterMethodAsync(ThemesConfiguration, (_, _) => ValueTask.FromResult<JsonNode?>(new JsonObject
        {
            ["sharedContextName"] = ThemesContext,
            ["getThemesMethodName"] = ThemesList,
            ["setThemesMethodName"] = ThemesSelect,
        }), cancellationToken).ConfigureAwait(false);
        await server.RegisterMethodAsync(ThemesList, (_, _) => ValueTask.FromResult<JsonNode?>(new JsonObject { ["all"] = new JsonArray(), ["selected"] = null }), cancellationToken).ConfigureAwait(false);
    }
}
