// Uses io.prefs for its own app and for another one: subscribe, set, update, setFor, getAll, clearFor, a too-large
// set, and (with --raise-intent) measures how long io.intents.raise() without a target takes (it reads the caller's
// prefs first). With --read=<app> it only reports what get(<app>) and getAll() return (after a platform restart).
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail, waitFor, stayConnected } = require("./lib");

const plain = (p) => p && { app: p.app, data: p.data, lastUpdateIsDate: p.lastUpdate instanceof Date };

(async () => {
  const io = await IODesktop();
  const prefs = io.prefs;
  const read = process.argv.find((a) => a.startsWith("--read="));
  if (read) {
    report("read", { prefs: plain(await prefs.get(read.slice("--read=".length))), all: (await prefs.getAll()).all.map(plain) });
    stayConnected(io);
    return;
  }

  report("initial", { prefs: plain(await prefs.get()), user: io.interop.instance.user });
  const seen = [];
  const listeners = [];
  prefs.subscribe((p) => {
    seen.push(p.data);
    listeners.forEach((l) => l(p));
  });
  const on = (cb) => {
    listeners.push(cb);
    return () => listeners.splice(listeners.indexOf(cb), 1);
  };
  await waitFor(on, null, "the initial subscribe callback");
  const updated = waitFor(on, (p) => p.data && p.data.d === 3, "the subscribe callback after update()");
  await prefs.set({ a: 1, b: { c: 2 } });
  await prefs.update({ d: 3, b: { e: 4 } });
  await updated;
  report("subscribed", { seen });
  report("mine", { prefs: plain(await prefs.get()) });
  await prefs.setFor("other-app", { x: "y" });
  report("other", { prefs: plain(await prefs.get("other-app")) });
  report("all", { all: (await prefs.getAll()).all.map(plain) });
  await prefs.clearFor("other-app");
  report("cleared", { prefs: plain(await prefs.get("other-app")), apps: (await prefs.getAll()).all.map((p) => p.app) });
  try {
    await prefs.setFor("big-app", { blob: "x".repeat(5000) });
    report("too-large", { error: null });
  } catch (e) {
    report("too-large", { error: String(e && (e.message || e)) });
  }
  if (process.argv.includes("--raise-intent")) {
    // A handler of its own, so the raise gets as far as reading the caller's prefs (a remembered handler) and then runs.
    await io.intents.addIntentListener("PrefsIntent", (context) => ({ handled: context.data }));
    const started = Date.now();
    let error = null;
    let result = null;
    try {
      result = (await io.intents.raise({ intent: "PrefsIntent", context: { type: "test", data: { n: 1 } } })).result;
    } catch (e) {
      error = String(e && (e.message || e));
    }
    report("raised", { elapsedMs: Date.now() - started, error, result });
  }
  report("done", {});
  stayConnected(io);
})().catch(fail);
