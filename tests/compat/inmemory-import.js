// Imports the definitions in the JSON file argv[2] into the in-memory store (io.appManager.inMemory.import, "merge") and
// reports the result as the platform answered it; stays connected.
"use strict";
const fs = require("fs");
const IODesktop = require("@interopio/desktop");
const { report, fail, stayConnected } = require("./lib");

(async () => {
  const definitions = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const io = await IODesktop({ appManager: "full" });
  const result = await io.appManager.inMemory.import(definitions, "merge");
  report("imported", { result });
  stayConnected(io);
})().catch(fail);
