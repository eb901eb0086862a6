// A platform-started app that writes io.appManager.applications() (name and title, sorted by name) to the file argv[2], then exits.
"use strict";
const fs = require("fs");
const IODesktop = require("@interopio/desktop");
const { fail } = require("./lib");

(async () => {
  const io = await IODesktop({ appManager: "full" });
  const apps = io.appManager.applications().map((a) => ({ name: a.name, title: a.title || null }));
  apps.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  fs.writeFileSync(process.argv[2] + ".tmp", JSON.stringify(apps));
  fs.renameSync(process.argv[2] + ".tmp", process.argv[2]);
  await io.done();
  process.exit(0);
})().catch(fail);
