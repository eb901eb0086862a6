// Registers an onShuttingDown handler that prevents shutdown (with --allow: lets it happen), then asks the platform to exit
// (with --stay: reports "registered" and stays connected, for a shutdown someone else asks for).
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail, waitFor, stayConnected } = require("./lib");

(async () => {
  const prevent = !process.argv.includes("--allow");
  const io = await IODesktop({ appManager: "full" });
  io.appManager.onShuttingDown(async (args) => {
    report("asked", { restarting: args.restarting });
    return { prevent };
  });
  await waitFor((cb) => io.interop.methodAdded(cb), (m) => m.name === "T42.ACS.OnGDShutdown", "OnGDShutdown registered");
  if (process.argv.includes("--stay")) {
    report("registered", { instance: io.interop.instance.instance });
    stayConnected(io);
    return;
  }
  const returned = await io.appManager.exit();
  report("exit", { returned });
  await io.done();
  process.exit(0);
})().catch(fail);
