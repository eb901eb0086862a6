// Tiny helper shared by the sample scripts: calls the IoActors host API with the URL and token
// the platform puts in every instance's environment (IOACTORS_API_URL, IOACTORS_API_TOKEN, IOACTORS_INSTANCE_ID).
'use strict';

async function post(path) {
  const base = process.env.IOACTORS_API_URL;
  if (!base) {
    console.log('IOACTORS_API_URL is not set; not started by the platform?');
    return false;
  }
  const headers = {};
  if (process.env.IOACTORS_API_TOKEN) {
    headers.authorization = `Bearer ${process.env.IOACTORS_API_TOKEN}`;
  }
  const response = await fetch(base + path, { method: 'POST', headers });
  if (!response.ok) {
    console.log(`POST ${path}: ${response.status} ${await response.text()}`);
  }
  return response.ok;
}

async function signalAppReady() {
  const id = process.env.IOACTORS_INSTANCE_ID;
  return post(`/api/instances/${encodeURIComponent(id)}/signal-app-ready`);
}

function stayAlive(name, onTick, intervalMs) {
  const timer = setInterval(onTick ?? (() => {}), intervalMs ?? 60000);
  const stop = (signal) => {
    console.log(`${name}: ${signal}, exiting`);
    clearInterval(timer);
    process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

module.exports = { post, signalAppReady, stayAlive };
