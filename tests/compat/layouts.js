// Uses io.layouts in full mode: saves the running instances (answering onSaveRequested with a window context of its
// own), exports, renames, restores without closing what runs, imports (one good, one invalid), removes, chooses and
// clears the default Global layout, and checks that hibernate is refused at once. Reports each step. The instance a
// restore starts (its starting context has "restoredBy") only reports that it runs, into <report>-restored.jsonl.
"use strict";
const fs = require("fs");
const IODesktop = require("@interopio/desktop");
const { report, fail, waitFor, stayConnected, reportFile } = require("./lib");

const names = (layouts) => layouts.map((l) => `${l.type}/${l.name}`).sort();
const message = (e) => String(e && (e.message || e));

(async () => {
  const io = await IODesktop({ layouts: { mode: "full" } });
  if ((process.env._GD_STARTING_CONTEXT_ || "").includes("restoredBy")) {
    const line = JSON.stringify({ event: "restored-instance", instance: io.interop.instance.instance }) + "\n";
    fs.appendFileSync(reportFile.replace(/\.jsonl$/, "-restored.jsonl"), line);
    stayConnected(io);
    return;
  }

  const layouts = io.layouts;
  layouts.onSaveRequested((request) => ({ windowContext: { saved: "mine", layoutName: request && request.layoutName } }));
  report("ready", { instance: io.interop.instance.instance, listed: names(layouts.list()) });

  const added = waitFor((cb) => layouts.onAdded(cb), (l) => l.name === "L1", "onAdded for L1");
  let started = Date.now();
  const saved = await layouts.save({ name: "L1", context: { k: 1 }, metadata: { m: 1 } });
  report("saved", { elapsedMs: Date.now() - started, layout: saved });
  await added;
  report("listed", { listed: names(layouts.list()), got: await layouts.get("L1", "Global") });

  const exported = await layouts.export();
  report("exported", { names: names(exported), components: exported[0].components.length });

  const renamed = waitFor((cb) => layouts.onRenamed(cb), (l) => l.name === "L2", "onRenamed to L2");
  await layouts.rename({ name: "L1", type: "Global" }, "L2");
  await renamed;
  report("renamed", { listed: names(layouts.list()) });

  started = Date.now();
  const restored = await layouts.restore({ name: "L2", closeRunningInstances: false, context: { restoredBy: "layouts-test" } });
  report("restored", { elapsedMs: Date.now() - started, result: restored });

  await layouts.import([{ name: "imp", type: "Global", components: [] }], "merge");
  const imported = await waitFor((cb) => layouts.onAdded(cb), (l) => l.name === "imp", "onAdded for imp");
  report("imported", { name: imported.name, all: names(await layouts.getAll("Global")) });
  try {
    await layouts.import([{ type: "Global", components: [] }], "merge");
    report("bad-import", { error: null });
  } catch (e) {
    report("bad-import", { error: message(e), all: names(await layouts.getAll("Global")) });
  }

  const removed = waitFor((cb) => layouts.onRemoved(cb), (l) => l.name === "imp", "onRemoved for imp");
  await layouts.remove("Global", "imp");
  await removed;
  report("removed", { listed: names(layouts.list()) });
  try {
    await layouts.remove("Global", "imp");
    report("remove-again", { error: null });
  } catch (e) {
    report("remove-again", { error: message(e) });
  }

  await layouts.setDefaultGlobal("L2");
  const chosen = await layouts.getDefaultGlobal();
  await layouts.clearDefaultGlobal();
  report("default", { chosen: chosen && chosen.name, cleared: (await layouts.getDefaultGlobal()) === undefined, current: ((await layouts.getCurrentLayout()) || {}).name });

  started = Date.now();
  try {
    await layouts.hibernate("L2");
    report("hibernate", { error: null });
  } catch (e) {
    report("hibernate", { error: message(e), elapsedMs: Date.now() - started });
  }
  report("done", {});
  stayConnected(io);
})().catch(fail);
