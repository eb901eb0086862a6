// @interopio/core (not desktop): connects with the starting context, registers a method, invokes it, and uses a shared context.
"use strict";
const IOConnectCore = require("@interopio/core");
const { report, fail } = require("./lib");

(async () => {
  const io = await IOConnectCore();
  await io.interop.register("Core.Square", ({ x }) => ({ y: x * x }));
  const result = await io.interop.invoke("Core.Square", { x: 9 });
  await io.contexts.update("core-context", { a: 1 });
  await io.contexts.setPath("core-context", "b.c", 2);
  const data = await io.contexts.get("core-context");
  report("done", { instance: io.interop.instance.instance, y: result.returned.y, context: data, version: io.version });
  await io.done();
  process.exit(0);
})().catch(fail);
