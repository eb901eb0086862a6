// Small helpers shared by the compatibility scripts: report results as JSON lines on stdout, fail loudly.
"use strict";

function report(event, data) {
  process.stdout.write(JSON.stringify({ event, ...(data || {}) }) + "\n");
}

function fail(error) {
  report("error", { message: String((error && (error.message || error.reason)) || JSON.stringify(error)) });
  process.exit(1);
}

function waitFor(register, predicate, label, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${label}`)), timeoutMs || 20000);
    const unsubscribe = register((value) => {
      if (!predicate || predicate(value)) {
        clearTimeout(timer);
        if (typeof unsubscribe === "function") {
          setImmediate(unsubscribe);
        }
        resolve(value);
      }
    });
  });
}

process.on("unhandledRejection", fail);
module.exports = { report, fail, waitFor };
