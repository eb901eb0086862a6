// Gateway benchmark: interop invoke round trips between two node processes using the real @interopio/desktop
// library through the IoActors gateway. The parent is the caller; it forks the server (a second process).
// Env: BENCH_COMPAT_DIR (tests/compat with node_modules), BENCH_SERVER_CTX / BENCH_CLIENT_CTX (each a
// _GD_STARTING_CONTEXT_ JSON issued by the gateway). Prints one JSON line per scenario.
"use strict";
const path = require("path");
const { fork } = require("child_process");
const role = process.argv[2] || "client";
process.env._GD_STARTING_CONTEXT_ = role === "server" ? process.env.BENCH_SERVER_CTX : process.env.BENCH_CLIENT_CTX;
const IODesktop = require(path.join(process.env.BENCH_COMPAT_DIR, "node_modules", "@interopio", "desktop"));

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function server() {
  const io = await IODesktop({ appManager: false, windows: false, layouts: false, metrics: false });
  await io.interop.register("Bench.Echo", (args) => ({ n: args.n }));
  process.send("ready");
}

async function run(io, target, calls, concurrency) {
  const latencies = new Array(calls);
  let next = 0;
  const start = process.hrtime.bigint();
  async function worker() {
    while (next < calls) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      await io.interop.invoke("Bench.Echo", { n: i }, target);
      latencies[i] = Number(process.hrtime.bigint() - t0) / 1e6;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const sorted = latencies.slice().sort((a, b) => a - b);
  return { calls, concurrency, seconds: +seconds.toFixed(3), callsPerSecond: Math.round(calls / seconds), p50ms: +percentile(sorted, 50).toFixed(3), p99ms: +percentile(sorted, 99).toFixed(3) };
}

async function client() {
  const child = fork(__filename, ["server"], { env: process.env });
  await new Promise((resolve) => child.once("message", resolve));
  const io = await IODesktop({ appManager: false, windows: false, layouts: false, metrics: false });
  const servers = await new Promise((resolve) => {
    const check = () => { const s = io.interop.servers({ name: "Bench.Echo" }); if (s.length) resolve(s); else setTimeout(check, 10); };
    check();
  });
  const target = servers[0];
  await run(io, target, 2000, 16); // warm-up
  for (const [calls, concurrency] of [[5000, 1], [50000, 64]]) {
    console.log(JSON.stringify(await run(io, target, calls, concurrency)));
  }
  child.kill();
  await io.done();
  process.exit(0);
}

(role === "server" ? server() : client()).catch((e) => { console.error(e); process.exit(1); });
