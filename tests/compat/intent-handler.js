// Listens for the intent named argv[2] (io.intents.addIntentListener) and answers each raise with its own instance id and
// the context it got; stays connected.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail, stayConnected } = require("./lib");

(async () => {
  const intent = process.argv[2];
  const io = await IODesktop();
  io.intents.addIntentListener(intent, (context) => ({ handledBy: io.interop.instance.instance, context }));
  report("listening", { intent, instance: io.interop.instance.instance });
  stayConnected(io);
})().catch(fail);
