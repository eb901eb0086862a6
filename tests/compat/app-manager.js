// Uses the App Management API in "full" mode: lists apps, imports an in-memory app (onAppAdded), exports it,
// starts it (a real instance: the platform runs the node script given as argv[2]) and stops it, then removes it.
// Options: --child-report=<file> passes "--report=<file>" to the imported app; --import-only stops after the export and
// stays connected; --before-stop=<file> waits until that file exists before stopping the started instance.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail, waitFor, whenFileExists, stayConnected } = require("./lib");

function option(name) {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : null;
}

(async () => {
  const script = process.argv.slice(2).find((a) => !a.startsWith("--"));
  const childReport = option("child-report");
  const beforeStop = option("before-stop");
  const io = await IODesktop({ appManager: "full" });
  const am = io.appManager;
  report("apps", { names: am.applications().map((a) => a.name).sort(), myApplication: am.myApplication && am.myApplication.name, myInstance: am.myInstance && am.myInstance.id });

  const added = waitFor((cb) => am.onAppAdded(cb), (a) => a.name === "imported-app", "onAppAdded(imported-app)");
  const details = childReport ? { path: script, parameters: `--report=${childReport}` } : { path: script };
  const result = await am.inMemory.import([
    { name: "imported-app", type: "node", title: "Imported", details },
    { name: "", type: "node" },
  ], "merge");
  report("imported", { imported: result.imported, errors: result.errors });
  const app = await added;
  report("app-added", { name: app.name, title: app.title });
  const exported = await am.inMemory.export();
  report("exported", { names: exported.map((d) => d.name) });
  if (process.argv.includes("--import-only")) {
    stayConnected(io);
    return;
  }

  const startedEvent = waitFor((cb) => am.onInstanceStarted(cb), (i) => i.application.name === "imported-app", "onInstanceStarted(imported-app)");
  const instance = await am.application("imported-app").start({ from: "app-manager" });
  const started = await startedEvent;
  report("started", {
    id: instance.id,
    eventId: started.id,
    interop: Boolean(instance.interopInstance),
    interopInstance: instance.interopInstance && instance.interopInstance.instance,
    startedBy: await instance.startedBy(),
  });
  if (beforeStop) {
    await whenFileExists(beforeStop);
  }

  const stoppedEvent = waitFor((cb) => am.onInstanceStopped(cb), (i) => i.id === instance.id, "onInstanceStopped");
  await instance.stop();
  const stopped = await stoppedEvent;
  report("stopped", { id: stopped.id, remaining: am.instances().filter((i) => i.application.name === "imported-app").length });

  const removed = waitFor((cb) => am.onAppRemoved(cb), (a) => a.name === "imported-app", "onAppRemoved(imported-app)");
  await am.inMemory.remove("imported-app");
  await removed;
  report("removed", { names: am.applications().map((a) => a.name).sort() });
  await io.done();
  process.exit(0);
})().catch(fail);
