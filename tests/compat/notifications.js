// Uses io.notifications: onRaised/onClosed, raise (with data and an action), list, click (the notification and its
// action reach this app's handlers), a click on an unknown action, clear, and (with --observe) only watches: it reports
// what onRaised/onClosed see for notifications another app raises. Then it stays connected.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail, waitFor, stayConnected } = require("./lib");

const brief = (n) => n && { id: n.id, title: n.title, body: n.body, severity: n.severity, state: n.state, data: n.data, actions: n.actions };

(async () => {
  const io = await IODesktop();
  const notifications = io.notifications;
  if (process.argv.includes("--observe")) {
    notifications.onRaised((n) => report("observed-raised", { notification: brief(n) }));
    notifications.onClosed((n) => report("observed-closed", { id: n.id }));
    // The stream subscription is made in the background: list() after it shows the platform answered this client.
    report("observing", { count: (await notifications.list()).length });
    stayConnected(io);
    return;
  }

  const raisedEvents = [];
  const raisedListeners = [];
  notifications.onRaised((n) => {
    raisedEvents.push(n.id);
    raisedListeners.forEach((l) => l(n));
  });
  const onRaised = (cb) => {
    raisedListeners.push(cb);
    return () => raisedListeners.splice(raisedListeners.indexOf(cb), 1);
  };
  const closedListeners = [];
  notifications.onClosed((n) => closedListeners.forEach((l) => l(n)));
  const onClosed = (cb) => {
    closedListeners.push(cb);
    return () => closedListeners.splice(closedListeners.indexOf(cb), 1);
  };

  const firstRaised = waitFor(onRaised, (n) => n.id === "n-1", "onRaised(n-1)");
  const first = await notifications.raise({
    id: "n-1",
    title: "Hello",
    body: "World",
    severity: "High",
    data: { k: 1 },
    actions: [{ action: "ack", title: "Acknowledge" }],
  });
  const clicked = new Promise((resolve) => { first.onclick = () => resolve("click"); });
  const actioned = new Promise((resolve) => { first.onaction = (e) => resolve(e.action); });
  report("raised", { id: first.id, notification: brief(await firstRaised) });
  report("listed", { notifications: (await notifications.list()).map(brief) });

  await notifications.click("n-1");
  report("clicked", { handler: await clicked });
  await notifications.click("n-1", "ack");
  report("actioned", { action: await actioned });
  try {
    await notifications.click("n-1", "nope");
    report("bad-action", { error: null });
  } catch (e) {
    report("bad-action", { error: String(e && (e.message || e)) });
  }

  const second = await notifications.raise({ id: "n-2", title: "Second" });
  const closed = waitFor(onClosed, (n) => n.id === "n-1", "onClosed(n-1)");
  await notifications.clear("n-1");
  report("cleared", { closed: (await closed).id, second: second.id, remaining: (await notifications.list()).map((n) => n.id) });
  stayConnected(io);
})().catch(fail);
