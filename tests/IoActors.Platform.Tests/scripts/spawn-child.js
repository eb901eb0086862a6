// Spawns a child that ignores SIGTERM, writes the child's pid to <pidfile>, then runs until stopped: node spawn-child.js <pidfile>
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const child = spawn(process.execPath, [path.join(__dirname, 'stubborn-child.js')], { stdio: 'ignore' });
setInterval(() => {}, 1000);
child.on('spawn', () => fs.writeFileSync(process.argv[2], String(child.pid)));
