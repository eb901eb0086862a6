// Registers an onShuttingDown handler that prevents shutdown (with --allow: lets it happen), then asks the platform to exit.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail, waitFor } = require("./lib");

(async () => {
  const prevent = !process.argv.includes("--allow");
  const io = await IODesktop({ appManager: "full" });
  io.appManager.onShuttingDown(async (args) => {
    report("asked", { restarting: args.restarting });
    return { prevent };
  });
  await waitFor((cb) => io.interop.methodAdded(cb), (m) => m.name === "T42.ACS.OnGDShutdown", "OnGDShutdown registered");
  const returned = await io.appManager.exit();
  report("exit", { returned });
  await io.done();
  process.exit(0);
})().catch(fail);
