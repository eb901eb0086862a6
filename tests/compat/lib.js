// Small helpers shared by the compatibility scripts: report results as JSON lines on stdout, fail loudly.
//
// A script the platform starts (its stdout is not read by the test) gets "--report=<file>": each report line is then
// also appended to that file. This module takes the argument out of process.argv, so the scripts' own argument
// parsing never sees it.
"use strict";
const fs = require("fs");
const path = require("path");

const reportFile = (() => {
  const index = process.argv.findIndex((a) => a.startsWith("--report="));
  if (index < 0) {
    return null;
  }

  const file = process.argv[index].slice("--report=".length);
  process.argv.splice(index, 1);
  return file;
})();

function report(event, data) {
  const line = JSON.stringify({ event, ...(data || {}) }) + "\n";
  process.stdout.write(line);
  if (reportFile) {
    fs.appendFileSync(reportFile, line);
  }
}

function fail(error) {
  // IODesktop() rejects with { err, libs } (libs holds circular loggers): report the error inside.
  const e = error && error.err !== undefined && error.libs !== undefined ? error.err : error;
  report("error", { message: String((e && (e.message || e.reason)) || (typeof e === "string" ? e : JSON.stringify(e))) });
  process.exit(1);
}

// Resolves with the first value the registered callback gets that matches. A register that calls back at once with
// what it already has (io.layouts.onAdded, io.prefs.subscribe) may match before it returns its unsubscribe function:
// the unsubscribe then runs once it is known.
function waitFor(register, predicate, label, timeoutMs) {
  return new Promise((resolve, reject) => {
    let done = false;
    let unsubscribe = null;
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${label}`)), timeoutMs || 20000);
    unsubscribe = register((value) => {
      if (!done && (!predicate || predicate(value))) {
        done = true;
        clearTimeout(timer);
        resolve(value);
        if (typeof unsubscribe === "function") {
          setImmediate(unsubscribe);
        }
      }
    });
    if (done && typeof unsubscribe === "function") {
      setImmediate(unsubscribe);
    }
  });
}

// Resolves once the file exists (a watch on its folder, then a check for a file created before the watch).
function whenFileExists(file) {
  return new Promise((resolve) => {
    const watcher = fs.watch(path.dirname(file), () => {
      if (fs.existsSync(file)) {
        watcher.close();
        resolve();
      }
    });
    if (fs.existsSync(file)) {
      watcher.close();
      resolve();
    }
  });
}

// Keeps the client connected until it is told to go, then disconnects and exits with 0: a test that started the script
// closes its stdin; the platform (which started the script when reports go to a file) stops it with SIGTERM.
function stayConnected(io) {
  let leaving = false;
  const leave = async () => {
    if (leaving) {
      return;
    }
    leaving = true;
    await io.done();
    process.exit(0);
  };
  process.on("SIGTERM", leave);
  if (reportFile) {
    setInterval(() => {}, 60000);
  } else {
    process.stdin.on("end", leave);
    process.stdin.resume();
  }
}

process.on("unhandledRejection", fail);
module.exports = { report, fail, waitFor, whenFileExists, stayConnected, reportFile };
