// Registers an onShuttingDown handler that prevents shutdown (with --allow: lets it happen, and stays connected until the
// platform's shutdown stops it), then asks the platform to exit (with --stay: reports "registered" and stays connected,
// for a shutdown someone else asks for).
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
  if (!prevent) {
    // The platform answers before it shuts down (the shutdown stops this app): stay until it does, so that the stop is
    // the platform's and not a race with this script's own exit.
    stayConnected(io);
    return;
  }
  await io.done();
  process.exit(0);
})().catch(fail);
