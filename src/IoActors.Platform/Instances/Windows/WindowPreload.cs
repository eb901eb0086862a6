using System.Text.Json;

namespace IoActors.Platform.Instances.Windows;

/// <summary>
/// The JavaScript a window's page gets before any of its own scripts (CDP <c>Page.addScriptToEvaluateOnNewDocument</c>),
/// in the top frame only: <c>window.glue42gd</c> / <c>window.iodesktop</c> (one object), the way the browser build of
/// <c>@interopio/desktop</c> finds the platform — <c>gwURL</c>, <c>getGWToken()</c> (a promise), <c>windowId</c> and
/// <c>appInstanceId</c> (the instance ID), <c>application</c> / <c>applicationName</c> / <c>appName</c>, <c>env</c>
/// {env, region}, <c>pid</c>, <c>consoleLogLevel</c>, <c>monitors</c>, <c>initialChannel</c>, <c>getWindowInfo</c>;
/// <c>activityInfo</c> stays undefined (no activities). <c>window.glueDesktop</c> carries a version (the library only
/// treats <c>glue42gd</c> as the desktop's when its major version is 3 or more) and <c>window.gdPreloadPromise</c> is
/// resolved. The instance's context itself reaches the page through the gateway (the app manager's instance events,
/// <c>T42.Wnd</c>), not through this object; the parsed starting context is kept as <c>glue42gd.startingContext</c>.
/// </summary>
internal static class WindowPreload
{
    /// <summary>The version <c>window.glueDesktop</c> announces (a major version of 3 or more selects the desktop code paths).</summary>
    public const string DesktopVersion = "10.0.0";

    /// <summary>The name of the binding the title observer reports <c>document.title</c> through.</summary>
    public const string TitleBinding = "__ioactorsTitleChanged";

    /// <summary>The preload for a window whose <c>_GD_STARTING_CONTEXT_</c> is <paramref name="startingContextJson"/>.</summary>
    /// <param name="startingContextJson">The starting context JSON (an object); anything else gives an empty one.</param>
    /// <exception cref="ArgumentException"><paramref name="startingContextJson"/> is not valid JSON.</exception>
    public static string Script(string startingContextJson)
    {
        ArgumentNullException.ThrowIfNull(startingContextJson);
        try
        {
            using var _ = JsonDocument.Parse(startingContextJson);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"startingContextJson: not valid JSON ({e.Message})", nameof(startingContextJson), e);
        }

        // The JSON travels as a JS string literal (JsonSerializer escapes quotes, <, > and line separators), parsed in the page.
        var literal = JsonSerializer.Serialize(startingContextJson);
        return Template.Replace("__STARTING_CONTEXT__", literal, StringComparison.Ordinal)
            .Replace("__DESKTOP_VERSION__", JsonSerializer.Serialize(DesktopVersion), StringComparison.Ordinal);
    }

    /// <summary>
    /// The title observer: reports <c>document.title</c> (at load and on every change of the <c>&lt;title&gt;</c> element)
    /// to the binding <see cref="TitleBinding"/>, in the top frame only.
    /// </summary>
    public static string TitleObserver() => TitleTemplate.Replace("__BINDING__", TitleBinding, StringComparison.Ordinal);

    private const string Template = """
        (function () {
          "use strict";
          if (window.top !== window || window.iodesktop) { return; }
          var sc = {};
          try { sc = JSON.parse(__STARTING_CONTEXT__); } catch (e) { sc = {}; }
          if (sc === null || typeof sc !== "object" || Array.isArray(sc)) { sc = {}; }
          var name = (sc.applicationConfig && sc.applicationConfig.name) || sc.applicationName;
          var token = sc.gwToken;
          var gd = {
            autoInjected: false,
            gwURL: sc.gwURL,
            windowId: sc.instanceId,
            appInstanceId: sc.instanceId,
            pid: typeof sc.pid === "number" ? sc.pid : undefined,
            application: name,
            applicationName: name,
            appName: name,
            env: { env: sc.env, region: sc.region },
            consoleLogLevel: sc.consoleLogLevel,
            monitors: Array.isArray(sc.monitors) ? sc.monitors : [],
            initialChannel: sc.initialChannel,
            activityInfo: undefined,
            startingContext: sc,
            getGWToken: function () { return Promise.resolve(token); },
            setGWToken: function (value) { token = value; },
            getWindowInfo: function (id) {
              if (id !== sc.instanceId) { return undefined; }
              return { id: sc.instanceId, applicationName: name, title: document.title || sc.title };
            }
          };
          Object.defineProperty(window, "glue42gd", { value: gd, configurable: true, enumerable: false, writable: false });
          Object.defineProperty(window, "iodesktop", { value: gd, configurable: true, enumerable: false, writable: false });
          if (!window.glueDesktop) {
            var version = __DESKTOP_VERSION__;
            var parts = version.split(".").map(Number);
            window.glueDesktop = { version: version, versionNum: parts[0] * 10000 + parts[1] * 100 + parts[2] };
          }
          if (!window.gdPreloadPromise) { window.gdPreloadPromise = Promise.resolve(); }
        })();
        """;

    private const string TitleTemplate = """
        (function () {
          "use strict";
          if (window.top !== window) { return; }
          var last;
          function report() {
            var title = document.title;
            if (title === last || typeof window.__BINDING__ !== "function") { return; }
            last = title;
            try { window.__BINDING__(title); } catch (e) { }
          }
          new MutationObserver(report).observe(document, { subtree: true, childList: true, characterData: true });
          document.addEventListener("DOMContentLoaded", report);
          report();
        })();
        """;
}
