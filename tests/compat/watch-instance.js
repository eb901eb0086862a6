// Watches the instances of the app named argv[2] in "full" mode. Reports "watching" with the instance once the client
// knows it, then one "updated" line per T42.ACS.OnEvent OnApplicationUpdated for it: the props the platform sent, the
// client's instance (title, context) once it applied them, and whether io.appManager.onInstanceUpdated ran. Stays connected.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail, waitFor, stayConnected } = require("./lib");

const sameJson = (a, b) => JSON.stringify(a === undefined ? null : a) === JSON.stringify(b === undefined ? null : b);

// Resolves once the condition holds (checked on each turn of the event loop), or with false after 10 s.
function eventually(condition) {
  const deadline = Date.now() + 10000;
  return new Promise((resolve) => {
    const check = () => {
      if (condition()) {
        resolve(true);
      } else if (Date.now() > deadline) {
        resolve(false);
      } else {
        setImmediate(check);
      }
    };
    check();
  });
}

(async () => {
  const appName = process.argv[2];
  const io = await IODesktop({ appManager: "full" });
  const am = io.appManager;
  const watched = await waitFor((cb) => am.onInstanceStarted(cb), (i) => i.application.name === appName, `an instance of ${appName}`);
  let callbacks = 0;
  am.onInstanceUpdated((i) => {
    if (i.id === watched.id) {
      callbacks++;
    }
  });
  const subscription = await io.interop.subscribe("T42.ACS.OnEvent", { arguments: { skipIcon: true } });
  subscription.onData(async (streamData) => {
    const updated = streamData.data && streamData.data.OnApplicationUpdated;
    const props = updated && updated[watched.id];
    if (!props) {
      return;
    }
    const instance = () => am.instances().find((i) => i.id === watched.id);
    const applied = await eventually(() => instance() && instance().title === props.Title && sameJson(instance().context, props.Context));
    report("updated", {
      pid: props.Pid === undefined ? null : props.Pid,
      title: props.Title === undefined ? null : props.Title,
      context: props.Context === undefined ? null : props.Context,
      applied,
      clientTitle: instance() ? instance().title : null,
      clientContext: instance() ? instance().context : null,
      callbacks,
    });
  });
  report("watching", { id: watched.id, title: watched.title });
  stayConnected(io);
})().catch(fail);
