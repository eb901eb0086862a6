// Connects with no configuration (the platform passes _GD_STARTING_CONTEXT_), reports the identity it got,
// optionally signals readiness through T42.GD.Execute, then stays connected until stdin closes (or, when the platform
// started it, until the platform stops it).
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail, stayConnected } = require("./lib");

(async () => {
  const io = await IODesktop();
  const me = io.interop.instance;
  report("connected", { peerId: me.peerId, instance: me.instance, application: me.application, version: io.version, pid: process.pid });
  if (process.argv.includes("--signal")) {
    const result = await io.interop.invoke("T42.GD.Execute", { command: "signal-app-ready" });
    report("signalled", { returned: result.returned });
  }
  if (process.argv.includes("--exit")) {
    await io.done();
    process.exit(0);
  }
  stayConnected(io);
})().catch(fail);
