// Uses the Intents API for the intent named argv[2], which the app argv[3] declares in its definition: all(), find(),
// filterHandlers() and raise() targeted at that app (raise starts an instance of it). Reports each result, then exits.
"use strict";
const IODesktop = require("@interopio/desktop");
const { report, fail } = require("./lib");

const handlerOf = (h) => ({
  app: h.applicationName,
  title: h.applicationTitle,
  type: h.type,
  displayName: h.displayName === undefined ? null : h.displayName,
  contextTypes: h.contextTypes === undefined ? null : h.contextTypes,
  resultType: h.resultType === undefined ? null : h.resultType,
  instance: h.instanceId === undefined ? null : h.instanceId,
});

(async () => {
  const [intent, handlerApp] = process.argv.slice(2);
  const io = await IODesktop();
  const all = await io.intents.all();
  report("all", { intents: all.map((i) => ({ name: i.name, handlers: i.handlers.map(handlerOf) })) });
  const byName = await io.intents.find(intent);
  const byContext = await io.intents.find({ contextType: "test.thing" });
  report("find", { byName: byName.map((i) => i.name), byContext: byContext.map((i) => i.name) });
  const filtered = await io.intents.filterHandlers({ intent });
  report("filter", { handlers: filtered.handlers.map(handlerOf) });
  const raised = await io.intents.raise({ intent, target: { app: handlerApp }, context: { type: "test.thing", id: 7 } });
  report("raised", { handler: handlerOf(raised.handler), result: raised.result });
  await io.done();
  process.exit(0);
})().catch(fail);
