// Ignores SIGTERM and runs until killed; writes <marker> once the handler is installed: node ignore-sigterm.js <marker>
const fs = require('fs');
process.on('SIGTERM', () => { /* ignored on purpose */ });
setInterval(() => {}, 1000);
fs.writeFileSync(process.argv[2], String(process.pid));
