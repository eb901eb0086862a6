// Connects and reports "run" with its pid. The first run (no marker file argv[2] yet) creates the marker, waits for the
// gate file argv[3] and exits with code 3, so a restart policy starts it again; a later run stays connected.
"use strict";
const fs = require("fs");
const IODesktop = require("@interopio/desktop");
const { report, fail, whenFileExists, stayConnected } = require("./lib");

(async () => {
  const [marker, gate] = process.argv.slice(2);
  const first = !fs.existsSync(marker);
  const io = await IODesktop();
  report("run", { first, pid: process.pid, instance: io.interop.instance.instance });
  if (first) {
    fs.writeFileSync(marker, "ran");
    await whenFileExists(gate);
    process.exit(3);
  }
  stayConnected(io);
})().catch(fail);
