// Uses the Channels API (IODesktop({ channels: true })). argv[2] is the role:
//   subscriber: reports how long the initialization took, the channels (all/list/mode), joins argv[3], subscribes
//               (plain and FDC3-typed), reports each update it gets and each change of its channel, then stays connected;
//               when the gate file argv[4] appears it leaves the channel (onChanged reports it) and reports "left".
//   publisher:  joins argv[3], publishes { greeting } and the FDC3 context fdc3.instrument, reports "published", then
//               stays connected.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail, stayConnected, whenFileExists } = require("./lib");

(async () => {
  const [role, channel, gate] = process.argv.slice(2);
  const started = Date.now();
  const io = await IODesktop({ channels: true });
  const initMs = Date.now() - started;
  if (role === "subscriber") {
    const list = await io.channels.list();
    report("ready", {
      initMs,
      mode: io.channels.mode,
      all: await io.channels.all(),
      list: list.map((c) => ({ name: c.name, color: c.meta.color, fdc3: c.meta.fdc3 ? c.meta.fdc3.id : null, data: c.data })),
      my: io.channels.my() || null,
    });
    io.channels.onChanged((name) => report("changed", { name: name || null, my: io.channels.my() || null }));
    await io.channels.join(channel);
    const mine = await io.channels.getMy();
    report("joined", { my: io.channels.my(), myChannels: io.channels.myChannels(), getMy: { name: mine.name, color: mine.meta.color } });
    io.channels.subscribe((data, context, updaterId) => report("data", { data, channel: context.name, updaterId }));
    io.channels.subscribe((data, context) => report("fdc3", { data, channel: context.name }), { contextType: "fdc3.instrument" });
    report("subscribed", { peerId: io.interop.instance.peerId });
    if (gate) {
      await whenFileExists(gate);
      await io.channels.leave();
      const onChannels = (await io.channels.getWindowsWithChannels()).map((w) => ({ channel: w.channel, application: w.application }));
      report("left", { my: io.channels.my() || null, getMy: (await io.channels.getMy()) || null, onChannels });
    }
  } else {
    await io.channels.join(channel);
    await io.channels.publish({ greeting: "hi from " + io.interop.instance.application });
    await io.channels.publish({ type: "fdc3.instrument", id: { ticker: "AAPL" }, name: "Apple" }, { fdc3: true });
    const context = await io.channels.get(channel);
    const onChannel = (await io.channels.getWindowsWithChannels({ channels: [channel] })).map((w) => ({ channel: w.channel, application: w.application }));
    report("published", { initMs, peerId: io.interop.instance.peerId, context: { name: context.name, data: context.data }, onChannel });
  }
  stayConnected(io);
})().catch(fail);
