// Exits with the given code after the given delay: node exit-after.js <ms> <code>
const ms = Number(process.argv[2] ?? 100);
const code = Number(process.argv[3] ?? 1);
setTimeout(() => process.exit(code), ms);
