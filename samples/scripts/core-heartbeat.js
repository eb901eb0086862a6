// A critical system app in the core stage: signals readiness through the host API, then logs a heartbeat.
'use strict';
const { signalAppReady, stayAlive } = require('./platform-api');

signalAppReady()
  .then((ok) => {
    console.log(`core-heartbeat: ready (${ok ? 'signalled' : 'signal failed'})`);
    let beats = 0;
    stayAlive('core-heartbeat', () => { beats += 1; }, 30000);
  })
  .catch((e) => {
    console.error(`core-heartbeat: ${e.message}`);
    process.exit(1);
  });
