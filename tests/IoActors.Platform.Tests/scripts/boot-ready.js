// Signals readiness to the platform API it was given in its environment, then runs until stopped (exits on SIGTERM).
const url = process.env.IOACTORS_API_URL;
const id = process.env.IOACTORS_INSTANCE_ID;
fetch(`${url}/ready/${encodeURIComponent(id)}`, { method: "POST" })
  .catch((err) => { console.error(`signal failed: ${err}`); process.exit(3); });
setInterval(() => {}, 1000);
