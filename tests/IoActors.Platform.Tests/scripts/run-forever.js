// Runs until stopped (exits on SIGTERM by default).
setInterval(() => {}, 1000);
