// The sample window app: connects to the platform it runs in (IoActors injects what the library reads), lists the
// running app instances live, and keeps its window title as "Client List (N)".
(async () => {
  const status = document.getElementById("status");
  if (typeof IODesktop !== "function") {
    status.textContent = "The io.Connect library is missing: run `npm ci` in samples/web.";
    status.className = "error";
    return;
  }

  let io;
  try {
    io = await IODesktop({ appManager: "full" });
  } catch (e) {
    status.textContent = "Could not connect: " + (e && e.message ? e.message : e);
    status.className = "error";
    return;
  }

  const rows = document.getElementById("instances");
  const render = () => {
    const instances = io.appManager.instances();
    rows.replaceChildren(...instances.map((i) => {
      const tr = document.createElement("tr");
      for (const text of [i.application.name, i.id, i.title ?? ""]) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.appendChild(td);
      }
      return tr;
    }));
    document.title = `Client List (${instances.length})`;
  };

  status.textContent = `Connected as ${io.appManager.myInstance?.id ?? io.interop.instance.instance} of ${io.interop.instance.applicationName}`;
  io.appManager.onInstanceStarted(render);
  io.appManager.onInstanceStopped(render);
  io.appManager.onInstanceUpdated(render);
  render();
})();
