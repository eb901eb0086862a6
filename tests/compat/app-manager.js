// Uses the App Management API in "full" mode: lists apps, imports an in-memory app (onAppAdded), exports it,
// starts it (a real instance: the platform runs the node script given as argv[2]) and stops it.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail, waitFor } = require("./lib");

(async () => {
  const script = process.argv[2];
  const io = await IODesktop({ appManager: "full" });
  const am = io.appManager;
  report("apps", { names: am.applications().map((a) => a.name).sort(), myApplication: am.myApplication && am.myApplication.name, myInstance: am.myInstance && am.myInstance.id });

  const added = waitFor((cb) => am.onAppAdded(cb), (a) => a.name === "imported-app", "onAppAdded(imported-app)");
  const result = await am.inMemory.import([
    { name: "imported-app", type: "node", title: "Imported", details: { path: script } },
    { name: "", type: "node" },
  ], "merge");
  report("imported", { imported: result.imported, errors: result.errors });
  const app = await added;
  report("app-added", { name: app.name, title: app.title });
  const exported = await am.inMemory.export();
  report("exported", { names: exported.map((d) => d.name) });

  const startedEvent = waitFor((cb) => am.onInstanceStarted(cb), (i) => i.application.name === "imported-app", "onInstanceStarted(imported-app)");
  const instance = await am.application("imported-app").start({ from: "app-manager" });
  const started = await startedEvent;
  report("started", { id: instance.id, eventId: started.id, interop: Boolean(instance.interopInstance), interopInstance: instance.interopInstance && instance.interopInstance.instance });

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
