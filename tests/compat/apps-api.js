// Uses the Apps API (io.apps) as an app written against it would: my.instance, the registry (getMany, get with the
// definition, has, inMemory.import and onAdded), then starts the imported app (a connect.js child), waits for it to
// be ready, reads its state and stops it (onStarted, onStopped). Reports each step, then exits.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail, waitFor } = require("./lib");

(async () => {
  const [connectScript, childReportFile] = process.argv.slice(2);
  const io = await IODesktop();
  if (!io.apps) {
    throw new Error("io.apps does not exist");
  }
  await io.apps.ready();
  const me = io.apps.my.instance;
  report("my", { id: me.id, appName: me.appName, startedBy: me.startedBy, startedAt: me.startedAt instanceof Date });
  const apps = await io.apps.registry.getMany();
  const mine = await io.apps.registry.get({ name: me.appName, includeDefinition: true, includeInstances: true });
  report("registry", {
    names: apps.map((a) => a.name),
    title: mine.title,
    type: mine.type,
    definitionName: mine.definition.name,
    instances: mine.instances.map((i) => i.id),
    has: await io.apps.registry.has(me.appName),
    hasNot: await io.apps.registry.has("no-such-app"),
    missing: await io.apps.registry.get({ name: "no-such-app" }),
  });

  const added = waitFor((cb) => { let un; io.apps.registry.onAdded(cb).then((u) => { un = u; }); return () => un && un(); }, (e) => e.app.name === "child-app", "applications-added");
  const imported = await io.apps.registry.inMemory.import([
    { name: "child-app", title: "Child", type: "node", details: { path: connectScript, parameters: "--report=" + childReportFile } },
  ], "merge");
  const addedEvent = await added;
  report("imported", { imported: imported.imported, errors: imported.errors, added: addedEvent.app.name, inMemory: await io.apps.registry.inMemory.has("child-app") });

  const startedEvents = [];
  const stoppedEvents = [];
  let stopTarget = null;
  let resolveStopped;
  const targetStopped = new Promise((resolve) => { resolveStopped = resolve; });
  const unStarted = await io.apps.instances.onStarted((e) => startedEvents.push(e.instance.id));
  const unStopped = await io.apps.instances.onStopped((e) => {
    stoppedEvents.push(e.instance.id);
    if (e.instance.id === stopTarget) {
      resolveStopped();
    }
  });
  const child = await io.apps.instances.start({ name: "child-app", context: { greeting: "hi" } });
  await io.apps.instances.waitForReady({ id: child.id });
  const listed = await io.apps.instances.getMany({ appNames: ["child-app"] });
  report("started", {
    id: child.id,
    appName: child.appName,
    startedBy: child.startedBy,
    state: await io.apps.instances.getState({ id: child.id }),
    context: await io.apps.instances.getContext({ id: child.id }),
    listed: listed.map((i) => i.id),
    interop: !!child.interopInstance,
  });
  const restarted = await io.apps.instances.restart({ id: child.id });
  report("restarted", {
    id: restarted.id,
    appName: restarted.appName,
    context: await io.apps.instances.getContext({ id: restarted.id }),
    oldState: await io.apps.instances.getState({ id: child.id }),
  });
  stopTarget = restarted.id;
  await io.apps.instances.stop({ id: restarted.id });
  await targetStopped;
  report("stopped", {
    started: startedEvents,
    stopped: stoppedEvents,
    state: await io.apps.instances.getState({ id: restarted.id }),
    gone: await io.apps.instances.get({ id: restarted.id }),
  });
  unStarted();
  unStopped();
  await io.done();
  process.exit(0);
})().catch(fail);
