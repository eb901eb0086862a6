// Raises one notification through io.notifications (--id ID --title TITLE), reports "raised", then stays connected:
// an app the platform starts, so the dashboard shows what a real io.Connect client raised.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail, stayConnected } = require("./lib");

const arg = (name) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
};

(async () => {
  const io = await IODesktop();
  const raised = await io.notifications.raise({
    id: arg("--id"),
    title: arg("--title"),
    body: "raised by a real io.Connect client",
    severity: "High",
    actions: [{ action: "ack", title: "Acknowledge" }],
  });
  report("raised", { id: raised.id });
  stayConnected(io);
})().catch(fail);
