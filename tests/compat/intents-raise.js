// Raises intents one after the other and reports each outcome with how long it took, then exits. Each argument is
// INTENT:TARGET with TARGET "reuse" (the platform's rule: a running listener first, else the first app handler) or
// "app=NAME"; the context is { type: "test.thing", id: <step> }.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail } = require("./lib");

(async () => {
  const steps = process.argv.slice(2);
  const io = await IODesktop();
  for (const [step, spec] of steps.entries()) {
    const [intent, target] = spec.split(":");
    const started = Date.now();
    try {
      const raised = await io.intents.raise({
        intent,
        target: target === "reuse" ? "reuse" : { app: target.slice("app=".length) },
        context: { type: "test.thing", id: step },
      });
      report("raise", {
        step, intent, ok: true, ms: Date.now() - started,
        handler: { app: raised.handler.applicationName, instance: raised.handler.instanceId },
        result: raised.result,
      });
    } catch (e) {
      report("raise", { step, intent, ok: false, ms: Date.now() - started, message: String((e && e.message) || e) });
    }
  }
  await io.done();
  process.exit(0);
})().catch(fail);
