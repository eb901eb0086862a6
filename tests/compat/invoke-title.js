// Invokes a window app's method that sets its document title: `node invoke-title.js <method> <title>...` invokes
// <method> {title} once per title (waiting for a server up to 20 s), reporting "invoked" {title, returned, executedBy}
// for each, then exits.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail } = require("./lib");

(async () => {
  const [method, ...titles] = process.argv.slice(2);
  const io = await IODesktop();
  report("connected", { instance: io.interop.instance.instance });
  for (const title of titles) {
    const result = await io.interop.invoke(method, { title }, "best", { waitTimeoutMs: 20000 });
    report("invoked", { title, returned: result.returned, executedBy: result.executed_by.instance });
  }
  await io.done();
  process.exit(0);
})().catch(fail);
