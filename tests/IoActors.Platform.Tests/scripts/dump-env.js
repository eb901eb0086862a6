// Writes the arguments and the instance environment as JSON to <outfile>, then exits 0: node dump-env.js <outfile> [args...]
const fs = require('fs');
const out = {
  argv: process.argv.slice(3),
  cwd: process.cwd(),
  instanceId: process.env.IOACTORS_INSTANCE_ID ?? null,
  appName: process.env.IOACTORS_APP_NAME ?? null,
  apiUrl: process.env.IOACTORS_API_URL ?? null,
  apiToken: process.env.IOACTORS_API_TOKEN ?? null,
  startingContext: process.env._GD_STARTING_CONTEXT_ ?? null,
};
fs.writeFileSync(process.argv[2], JSON.stringify(out));
