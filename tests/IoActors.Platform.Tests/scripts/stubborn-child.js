// A child process that ignores SIGTERM and runs until killed.
process.on('SIGTERM', () => { /* ignored on purpose */ });
setInterval(() => {}, 1000);
