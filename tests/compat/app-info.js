// Reports what the App Management API ("full" mode) says about this app and instance: myApplication (name, title,
// version) and myInstance.startedBy(); then stays connected.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail, stayConnected } = require("./lib");

(async () => {
  const io = await IODesktop({ appManager: "full" });
  const app = io.appManager.myApplication;
  const instance = io.appManager.myInstance;
  report("info", {
    name: app ? app.name : null,
    title: app ? app.title : null,
    version: app && app.version !== undefined ? app.version : null,
    instance: instance ? instance.id : null,
    startedBy: instance ? await instance.startedBy() : null,
  });
  stayConnected(io);
})().catch(fail);
