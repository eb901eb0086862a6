// The "exe" sample (run as `node echo-exe.js --interval 1000`): echoes its stdin and prints a tick every interval
// until SIGTERM. It needs no platform API.
'use strict';

const index = process.argv.indexOf('--interval');
const interval = index > 0 ? Number(process.argv[index + 1]) || 1000 : 1000;
let ticks = 0;
const timer = setInterval(() => { ticks += 1; }, interval);
process.stdin.on('data', (chunk) => process.stdout.write(chunk));
process.stdin.on('error', () => {});
console.log(`echo-exe: started (pid ${process.pid}, instance ${process.env.IOACTORS_INSTANCE_ID ?? '-'})`);
const stop = (signal) => {
  clearInterval(timer);
  console.log(`echo-exe: ${signal} after ${ticks} ticks`);
  process.exit(0);
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
