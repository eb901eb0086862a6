// A Node.js service that starts with the platform (user stage) and tells the boot sequence when it is ready,
// through the host API (POST /api/instances/{id}/signal-app-ready), then runs until SIGTERM.
'use strict';
const { signalAppReady, stayAlive } = require('./platform-api');

async function main() {
  // Pretend to initialize something.
  await new Promise((resolve) => setImmediate(resolve));
  const ok = await signalAppReady();
  console.log(`ready-service: initialized, signal-app-ready ${ok ? 'sent' : 'failed'}`);
  stayAlive('ready-service');
}

main().catch((e) => {
  console.error(`ready-service: ${e.message}`);
  process.exit(1);
});
