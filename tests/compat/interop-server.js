// Registers a method and a stream; pushes one item to the stream whenever a subscriber arrives.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail } = require("./lib");

(async () => {
  const io = await IODesktop();
  await io.interop.register("Compat.Echo", (args, caller) => ({ echo: args, servedBy: io.interop.instance.instance, caller: caller.instance }));
  await io.interop.register("Compat.Fail", () => { throw new Error("deliberate failure"); });
  const stream = await io.interop.createStream("Compat.Ticks", {
    subscriptionAddedHandler: (request) => {
      setImmediate(() => stream.push({ tick: 1, for: request.instance.instance }));
    },
  });
  report("ready", { peerId: io.interop.instance.peerId });
  process.stdin.on("end", async () => { await io.done(); process.exit(0); });
  process.stdin.resume();
})().catch(fail);
