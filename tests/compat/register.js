// A node process the platform did not start: connects with the gateway URL and credentials in the environment
// (IOACTORS_GW_URL, IOACTORS_GW_USER, IOACTORS_GW_SECRET) as the app argv[2], which makes the client register itself with
// T42.ACS.RegisterInstance; reports the instance the App Management API ("full" mode) then knows, and stays connected
// until stdin closes.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail, stayConnected } = require("./lib");

(async () => {
  const application = process.argv[2];
  const io = await IODesktop({
    application,
    appManager: "full",
    gateway: { ws: process.env.IOACTORS_GW_URL },
    auth: { username: process.env.IOACTORS_GW_USER, password: process.env.IOACTORS_GW_SECRET },
  });
  const mine = io.appManager.myInstance;
  report("registered", {
    instance: io.interop.instance.instance,
    application: io.interop.instance.application,
    myInstance: mine ? mine.id : null,
    myApplication: io.appManager.myApplication ? io.appManager.myApplication.name : null,
    pid: process.pid,
  });
  stayConnected(io);
})().catch(fail);
