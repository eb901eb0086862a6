// io.interception. With "interceptor" it intercepts io.intents.raise: before the raise it adds {intercepted: true} to
// the context, after it wraps the result in {wrapped}; it reports what it saw. With "raiser" it listens for the intent
// itself, raises it, and reports the result the interceptor shaped.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail, waitFor, stayConnected } = require("./lib");

(async () => {
  const [mode, intent] = process.argv.slice(2);
  const io = await IODesktop();
  if (mode === "interceptor") {
    const seen = [];
    await io.interception.register({
      interceptions: [{ domain: "intents", operation: "raise" }],
      handler: async (interception) => {
        seen.push(interception.phase);
        report("intercepted", { phase: interception.phase, seen });
        if (interception.phase === "before") {
          const [request] = interception.operationArgs;
          return { operationArgs: [{ ...request, context: { ...request.context, data: { ...request.context.data, intercepted: true } } }] };
        }
        const [result] = interception.operationArgs;
        return { operationResult: { ...result, result: { wrapped: result.result } } };
      },
    });
    try {
      await io.interception.register({ interceptions: [{ domain: "windows", operation: "open" }], handler: () => ({}) });
      report("registered", { badError: null });
    } catch (e) {
      report("registered", { badError: String(e && (e.message || e)) });
    }
    stayConnected(io);
    return;
  }

  await io.intents.addIntentListener(intent, (context) => ({ got: context.data }));
  const me = io.interop.instance.instance;
  if (!io.interop.methods().some((m) => m.name === `Tick42.FDC3.Intents.${intent}` && m.getServers().some((s) => s.instance === me))) {
    await waitFor((cb) => io.interop.serverMethodAdded(cb), ({ server, method }) => method.name === `Tick42.FDC3.Intents.${intent}` && server.instance === me, "the listener's announcement");
  }
  const started = Date.now();
  const raised = await io.intents.raise({ intent, context: { type: "test", data: { n: 1 } } });
  report("raised", { result: raised.result, elapsedMs: Date.now() - started });
  stayConnected(io);
})().catch(fail);
