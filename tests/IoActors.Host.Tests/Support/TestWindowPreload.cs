using System.Text.Json.Nodes;

namespace IoActors.Host.Tests.Support;

/// <summary>
/// The script a window host runs in a page before any of its own, so that <c>await IODesktop()</c> there connects as the
/// instance: <c>window.glue42gd</c> (and <c>window.iodesktop</c>, the same object) from the instance's starting context —
/// <c>gwURL</c>, <c>getGWToken()</c> (a promise of the gateway token), <c>windowId</c> = <c>appInstanceId</c> = the
/// instance ID, <c>application</c> / <c>applicationName</c> / <c>appName</c>, <c>env</c> {env, region} and the start
/// <c>context</c>. The only place the web compat tests build it: replace it with the platform's own preload
/// (<c>WindowPreload.Script(startingContextJson)</c>) once the real window host lands.
/// </summary>
internal static class TestWindowPreload
{
    /// <summary>The preload for an instance with this starting context (the JSON of <c>IIoGateway.CreateStartingContext</c>, optionally with <c>context</c>).</summary>
    public static string Script(string startingContextJson)
    {
        // Parsed and written again: the JSON goes into the script as a literal, never as text pasted into code.
        var context = JsonNode.Parse(startingContextJson)?.AsObject() ?? throw new ArgumentException("the starting context is not a JSON object", nameof(startingContextJson));
        return "(() => {\n"
            + "  const ctx = " + context.ToJsonString() + ";\n"
            + """
                const app = (ctx.applicationConfig && ctx.applicationConfig.name) || ctx.applicationName;
                let token = ctx.gwToken;
                const gd = {
                  gwURL: ctx.gwURL,
                  getGWToken: () => Promise.resolve(token),
                  setGWToken: (t) => { token = t; },
                  windowId: ctx.instanceId,
                  appInstanceId: ctx.instanceId,
                  application: app,
                  applicationName: app,
                  appName: app,
                  env: { env: ctx.env, region: ctx.region },
                  context: ctx.context || {},
                };
                Object.defineProperty(window, "glue42gd", { value: gd, configurable: true });
                Object.defineProperty(window, "iodesktop", { value: gd, configurable: true });
              })();
              """;
    }
}
