// Registers a method and a stream; pushes one item to the stream whenever a subscriber arrives. Stays connected until
// stdin closes (or, when the platform started it, until the platform stops it).
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail, stayConnected } = require("./lib");

(async () => {
  const io = await IODesktop();
  await io.interop.register("Compat.Echo", (args, caller) => ({ echo: args, servedBy: io.interop.instance.instance, caller: caller.instance }));
  await io.interop.register("Compat.Fail", () => { throw new Error("deliberate failure"); });
  const stream = await io.interop.createStream("Compat.Ticks", {
    subscriptionAddedHandler: (request) => {
      setImmediate(() => stream.push({ tick: 1, for: request.instance.instance, from: io.interop.instance.instance }));
    },
  });
  report("ready", { peerId: io.interop.instance.peerId, instance: io.interop.instance.instance, pid: process.pid });
  stayConnected(io);
})().catch(fail);
