// Invokes the servers' method (targets "best", "all", and each server instance by id), checks an error result, and
// subscribes to their stream until one item arrives.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail } = require("./lib");

(async () => {
  const io = await IODesktop();
  report("connected", { instance: io.interop.instance.instance });
  const best = await io.interop.invoke("Compat.Echo", { value: 42 }, "best", { waitTimeoutMs: 20000 });
  report("best", { returned: best.returned, executedBy: best.executed_by.instance });
  const all = await io.interop.invoke("Compat.Echo", { value: 7 }, "all");
  const allBy = all.all_return_values.map((r) => r.executed_by.instance);
  report("all", { count: all.all_return_values.length, executedBy: allBy, returned: all.all_return_values.map((r) => r.returned) });
  const target = await io.interop.invoke("Compat.Echo", { value: 1 }, { instance: best.executed_by.instance });
  const each = [];
  for (const instance of allBy) {
    const r = await io.interop.invoke("Compat.Echo", { value: 2 }, { instance });
    each.push({ requested: instance, executedBy: r.executed_by.instance, servedBy: r.returned.servedBy });
  }
  report("targeted", { executedBy: target.executed_by.instance, each });
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
