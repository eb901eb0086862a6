// Shared by the web compatibility pages: what a page reports, and its connection to io.Connect.
//
// Every report is appended to window.__results ({event, ...data}) and handed to window.__report when the test exposed
// one (Playwright's exposeFunction); a host driving the page over the DevTools protocol reads window.__results.
// A page connects with `await IODesktop(...)`: window.glue42gd / window.iodesktop, injected before any script by the
// window host (or by the test), say which gateway, token and instance.
"use strict";
(() => {
  const results = (window.__results = window.__results || []);

  function report(event, data) {
    const entry = { event, ...(data || {}) };
    results.push(entry);
    if (typeof window.__report === "function") {
      window.__report(JSON.stringify(entry));
    }
    return entry;
  }

  // An error as text: FDC3 rejects with {message, reason} objects, io.Connect with Errors or strings.
  function describe(error) {
    if (typeof error === "string") {
      return error;
    }
    if (error && (error.message || error.reason)) {
      return [error.message, error.reason].filter(Boolean).join(": ");
    }
    try {
      return JSON.stringify(error);
    } catch {
      return String(error);
    }
  }

  // Runs an action the test asks for; resolves with {ok, value} or {ok:false, error} (never rejects: the test reads it).
  async function attempt(action) {
    try {
      return { ok: true, value: await action() };
    } catch (error) {
      return { ok: false, error: describe(error && error.err !== undefined && error.libs !== undefined ? error.err : error) };
    }
  }

  async function connect(config) {
    try {
      const io = await IODesktop(config);
      report("connected", { instance: io.interop.instance.instance, application: io.interop.instance.application });
      return io;
    } catch (error) {
      report("error", { stage: "connect", message: describe(error && error.err !== undefined ? error.err : error) });
      throw error;
    }
  }

  // Resolves when the FDC3 library got the io.Connect API (window.fdc3 exists at once, its calls wait for this).
  function fdc3Ready() {
    return new Promise((resolve) => {
      if (window.fdc3 && window.__fdc3ReadySeen) {
        resolve(window.fdc3);
        return;
      }
      window.addEventListener("fdc3Ready", () => resolve(window.fdc3), { once: true });
    });
  }
  window.addEventListener("fdc3Ready", () => (window.__fdc3ReadySeen = true), { once: true });

  // Offers the page's actions (window.compat) as the interop method "Compat.Call" {action, args:[...]} → {ok, value|error},
  // for a test that reaches the page through the gateway rather than the browser (a window host's own pages).
  async function serve(io, actions) {
    window.compat = actions;
    await io.interop.register("Compat.Call", async (call) => {
      const action = call && call.action;
      if (typeof action !== "string" || typeof actions[action] !== "function") {
        throw new Error(`Compat.Call: "action" must be one of ${Object.keys(actions).join(", ")}; got ${JSON.stringify(action)}`);
      }
      if (call.args !== undefined && !Array.isArray(call.args)) {
        throw new Error(`Compat.Call: "args" must be an array; got ${JSON.stringify(call.args)}`);
      }
      return actions[action](...(call.args || []));
    });
  }

  window.compatPage = { report, describe, attempt, connect, fdc3Ready, serve };
})();
