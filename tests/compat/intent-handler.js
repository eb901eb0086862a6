// Listens for the intent named argv[2] and answers each raise with its own instance id and the context it got; stays
// connected; "listening" is reported once the gateway announced the listener. With argv[3] "register" it uses
// io.intents.register({ intent, contextTypes, resultType }) (the listener carries its own handler information), else
// io.intents.addIntentListener(intent).
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail, waitFor, stayConnected } = require("./lib");

(async () => {
  const [intent, mode] = process.argv.slice(2);
  const io = await IODesktop();
  const handler = (context) => ({ handledBy: io.interop.instance.instance, context });
  if (mode === "register") {
    await io.intents.register({ intent, contextTypes: ["test.registered"], resultType: "test.registered-result" }, handler);
  } else {
    io.intents.addIntentListener(intent, handler);
  }
  // Reported once the gateway announced the listener back (so the platform knows it too).
  const me = io.interop.instance.instance;
  const mine = (m) => m.name === `Tick42.FDC3.Intents.${intent}` && m.getServers().some((s) => s.instance === me);
  if (!io.interop.methods().some(mine)) {
    await waitFor((cb) => io.interop.serverMethodAdded(cb), ({ server, method }) => method.name === `Tick42.FDC3.Intents.${intent}` && server.instance === me, "the listener's announcement");
  }
  report("listening", { intent, instance: io.interop.instance.instance });
  stayConnected(io);
})().catch(fail);
