// Driver of the gateway benchmark (InteropRoundTripBenchmarks.cs): one long-lived node process per role.
//   node interop-roundtrip.js server   registers "Bench.Echo" with @interopio/desktop and echoes relay requests
//   node interop-roundtrip.js caller   finds "Bench.Echo", then runs one measurement per command read from stdin
// Each process connects twice: to the gateway (IODesktop() reads _GD_STARTING_CONTEXT_, issued by the gateway) and to
// a bare WebSocket relay (BENCH_RELAY_URL) that forwards frames between the two processes without reading them. The
// relay connection uses the same `ws` package the io.Connect library uses in node, and the same JSON request/response
// round trip, so the baseline differs from the gateway only by what the gateway and the client library do per call.
// Env: BENCH_COMPAT_DIR (tests/compat, with node_modules), _GD_STARTING_CONTEXT_, BENCH_RELAY_URL.
// stdin: one command per line, {"mode":"gateway"|"relay","calls":N,"concurrency":C}; end of stdin exits.
// stdout: JSON lines: {"event":"ready"} once, then per command {"event":"result",calls,concurrency,seconds,
// callsPerSecond,p50ms,p99ms}; on any failure {"event":"error","message"} and exit code 1.
"use strict";
const path = require("path");
const readline = require("readline");
const desktopDir = path.join(process.env.BENCH_COMPAT_DIR, "node_modules", "@interopio", "desktop");
const IODesktop = require(desktopDir);
const WebSocket = require(require.resolve("ws", { paths: [desktopDir] }));
const role = process.argv[2];
if (process.env.BENCH_DUMP_FRAMES) {
  // Debugging aid: the first N frames this process sends and receives on any ws socket, to a file in the temp dir.
  let left = Number(process.env.BENCH_DUMP_FRAMES);
  const file = path.join(require("os").tmpdir(), `bench-frames-${role}.txt`);
  const dump = (dir, data) => left-- > 0 && require("fs").appendFileSync(file, `${dir} ${String(data)}\n`);
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data, ...rest) { dump("->", data); return send.call(this, data, ...rest); };
  const emit = WebSocket.prototype.emit;
  WebSocket.prototype.emit = function (name, data, ...rest) { if (name === "message") dump("<-", data); return emit.call(this, name, data, ...rest); };
}
const options = { appManager: false, windows: false, layouts: false, metrics: false };

function report(event, data) {
  process.stdout.write(JSON.stringify({ event, ...data }) + "\n");
}

function fail(error) {
  report("error", { message: String((error && (error.stack || error.message)) || JSON.stringify(error)) });
  process.exit(1);
}

process.on("unhandledRejection", fail);

function connectRelay() {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${process.env.BENCH_RELAY_URL}?role=${role}`);
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
    socket.once("close", () => fail(new Error("the relay closed the connection")));
  });
}

async function server() {
  const io = await IODesktop(options);
  await io.interop.register("Bench.Echo", (args) => ({ n: args.n }));
  const relay = await connectRelay();
  // The relay's echo: parse the request, run the same handler body, send the answer.
  relay.on("message", (data) => {
    const request = JSON.parse(data);
    relay.send(JSON.stringify({ id: request.id, result: { n: request.args.n } }));
  });
  report("ready", {});
}

// Runs `calls` round trips with `concurrency` outstanding; latencies are per call, measured with process.hrtime.
async function measure(call, calls, concurrency) {
  const latencies = new Float64Array(calls);
  let next = 0;
  async function worker() {
    while (next < calls) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      const n = await call(i);
      latencies[i] = Number(process.hrtime.bigint() - t0) / 1e6;
      if (n !== i) {
        throw new Error(`call ${i} returned ${n}`);
      }
    }
  }
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort();
  const percentile = (p) => latencies[Math.min(calls - 1, Math.ceil((p / 100) * calls) - 1)];
  return { calls, concurrency, seconds, callsPerSecond: calls / seconds, p50ms: percentile(50), p99ms: percentile(99) };
}

async function caller() {
  const io = await IODesktop(options);
  const deadline = Date.now() + 30000;
  let servers;
  while (!(servers = io.interop.servers({ name: "Bench.Echo" })).length) {
    if (Date.now() > deadline) {
      throw new Error("no server of Bench.Echo appeared within 30 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const target = servers[0];
  const relay = await connectRelay();
  const pending = new Map();
  relay.on("message", (data) => {
    const answer = JSON.parse(data);
    pending.get(answer.id)(answer.result.n);
    pending.delete(answer.id);
  });
  const calls = {
    gateway: async (i) => (await io.interop.invoke("Bench.Echo", { n: i }, target)).returned.n,
    relay: (i) => new Promise((resolve) => {
      pending.set(i, resolve);
      relay.send(JSON.stringify({ id: i, args: { n: i } }));
    }),
  };
  report("ready", {});
  // Commands run one at a time, in order.
  let queue = Promise.resolve();
  readline.createInterface({ input: process.stdin }).on("line", (line) => {
    queue = queue.then(async () => {
      const command = JSON.parse(line);
      report("result", await measure(calls[command.mode], command.calls, command.concurrency));
    }).catch(fail);
  });
}

let profiler = null;
if (process.env.BENCH_CPU_PROFILE) {
  // Profiling aid: a V8 CPU profile of the whole run, written to BENCH_CPU_PROFILE/<role>.cpuprofile at the end.
  profiler = new (require("inspector").Session)();
  profiler.connect();
  profiler.post("Profiler.enable", () => profiler.post("Profiler.start"));
}
process.stdin.on("end", () => {
  if (!profiler) {
    process.exit(0);
  }
  profiler.post("Profiler.stop", (err, { profile }) => {
    require("fs").writeFileSync(path.join(process.env.BENCH_CPU_PROFILE, `${role}.cpuprofile`), JSON.stringify(profile));
    process.exit(0);
  });
});
if (role === "server") {
  process.stdin.resume();
  server().catch(fail);
} else if (role === "caller") {
  caller().catch(fail);
} else {
  fail(new Error(`unknown role '${role}': expected server or caller`));
}
