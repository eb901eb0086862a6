// Appends each SIGTERM and SIGWINCH it gets to <file> (one name a line) and writes <file>.ready once listening; exits on
// SIGTERM unless started with "ignore-term": node record-signals.js <file> [ignore-term]
const fs = require('fs');
const [file, mode] = process.argv.slice(2);
const note = (name) => fs.appendFileSync(file, name + '\n');
process.on('SIGTERM', () => {
  note('SIGTERM');
  if (mode !== 'ignore-term') process.exit(0);
});
process.on('SIGWINCH', () => note('SIGWINCH'));
setInterval(() => {}, 1 << 30);
fs.writeFileSync(file + '.ready', String(process.pid));
