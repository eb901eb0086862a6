// Invokes the server's method (targets "best", "all" and a specific instance), checks an error result, and
// subscribes to its stream until one item arrives.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail } = require("./lib");

(async () => {
  const io = await IODesktop();
  const best = await io.interop.invoke("Compat.Echo", { value: 42 }, "best", { waitTimeoutMs: 20000 });
  report("best", { returned: best.returned, executedBy: best.executed_by.instance });
  const all = await io.interop.invoke("Compat.Echo", { value: 7 }, "all");
  report("all", { count: all.all_return_values.length });
  const target = await io.interop.invoke("Compat.Echo", { value: 1 }, { instance: best.executed_by.instance });
  report("targeted", { executedBy: target.executed_by.instance });
  try {
    await io.interop.invoke("Compat.Fail", {});
    report("failed-call", { rejected: false });
  } catch (e) {
    report("failed-call", { rejected: true, message: e.message });
  }
  const subscription = await io.interop.subscribe("Compat.Ticks", { waitTimeoutMs: 20000 });
  const data = await new Promise((resolve) => subscription.onData((d) => resolve(d.data)));
  report("stream", { data });
  subscription.close();
  await io.done();
  process.exit(0);
})().catch(fail);
