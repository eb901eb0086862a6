// A platform-started app whose readiness the test controls: it waits until the file argv[2] exists, then connects
// (interop readiness); with --signal it writes argv[3] once connected, waits for argv[4] and invokes signal-app-ready.
// It then stays connected until the platform stops it.
"use strict";
const fs = require("fs");
const IODesktop = require("@interopio/desktop");
const { report, fail } = require("./lib");

function fileExists(path) {
  return new Promise((resolve) => {
    const check = () => (fs.existsSync(path) ? resolve() : setTimeout(check, 20));
    check();
  });
}

(async () => {
  const [go, connected, signal] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  await fileExists(go);
  const io = await IODesktop();
  report("connected", { instance: io.interop.instance.instance });
  if (process.argv.includes("--signal")) {
    fs.writeFileSync(connected, io.interop.instance.instance || "");
    await fileExists(signal);
    await io.interop.invoke("T42.GD.Execute", { command: "signal-app-ready" });
    report("signalled");
  }
  setInterval(() => {}, 60000);
})().catch(fail);
