// Instances: what runs (app, pid, state, readiness, restarts, a ticking uptime), a Stop button per instance, and
// "Start an app" in a dialog with an optional JSON context.

import { send } from '../api.js';
import { field, h, replace } from '../dom.js';
import { duration } from '../format.js';
import { cell, dataTable, errorLine, section, showError, yesNo } from './common.js';

const COLUMNS = [['app', 'App'], ['title', 'Title'], ['id', 'Instance'], ['pid', 'PID'], ['state', 'State'], ['ready', 'Ready'],
  ['restarts', 'Restarts'], ['uptime', 'Uptime'], ['startedBy', 'Started by'], ['actions', 'Actions']];

/** Reads the context textarea: undefined when empty, else the parsed object; throws with a readable message. */
export function parseContext(text) {
  if (text.trim() === '') {
    return undefined;
  }

  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`The context is not valid JSON: ${e.message}`);
  }

  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('The context must be a JSON object, e.g. {"greeting": "hi"}.');
  }

  return value;
}

function createStartDialog(onStarted) {
  const app = h('select', { id: 'start-app', required: true });
  const context = h('textarea', { id: 'start-context', rows: '6', spellcheck: 'false', placeholder: '{"greeting": "hi"}', 'aria-describedby': 'start-context-hint' });
  const error = h('p', { id: 'start-error', class: 'form-error', role: 'alert' });
  const submit = h('button', { id: 'start-submit', type: 'submit', class: 'primary', text: 'Start' });
  const cancel = h('button', { id: 'start-cancel', type: 'button', text: 'Cancel' });
  const dialog = h('dialog', { id: 'start-dialog', 'aria-labelledby': 'start-heading' });
  const form = h('form', { id: 'start-form', method: 'dialog' },
    h('h3', { id: 'start-heading', text: 'Start an app' }),
    field('App', app),
    field('Context (a JSON object, optional)', context),
    h('p', { id: 'start-context-hint', class: 'hint', text: 'The starting context the instance receives. Leave empty for none.' }),
    error,
    h('div', { class: 'buttons' }, submit, cancel));
  dialog.append(form);
  let opener = null;

  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => opener?.focus());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(error);
    let body;
    try {
      body = { app: app.value, context: parseContext(context.value) };
    } catch (problem) {
      replace(error, problem.message);
      context.focus();
      return;
    }

    submit.disabled = true;
    replace(submit, 'Starting…');
    try {
      const instance = await send('POST', '/api/instances', body);
      dialog.close();
      onStarted(instance);
    } catch (problem) {
      replace(error, `Start failed: ${problem.message}`);
    } finally {
      submit.disabled = false;
      replace(submit, 'Start');
    }
  });

  return {
    dialog,
    setApps(apps) {
      const current = app.value;
      replace(app, apps.map((a) => h('option', { value: a.name, text: a.title && a.title !== a.name ? `${a.name} (${a.title})` : a.name })));
      if (apps.some((a) => a.name === current)) {
        app.value = current;
      }
    },
    open(from) {
      opener = from;
      replace(error);
      dialog.showModal();
      app.focus();
    },
  };
}

export function createInstancesView() {
  const status = h('p', { id: 'instances-status', class: 'summary', role: 'status' });
  const error = errorLine('instances-error');
  const list = dataTable('instances-table', 'Running instances', COLUMNS);
  const start = createStartDialog((instance) => {
    replace(status, `Started ${instance.appName}: instance ${instance.id}${instance.processId ? ` (pid ${instance.processId})` : ''}.`);
  });
  const open = h('button', { id: 'start-open', type: 'button', class: 'primary', 'aria-haspopup': 'dialog', text: 'Start an app…' });
  open.addEventListener('click', () => start.open(open));
  const root = section('instances', 'Instances', h('div', { class: 'toolbar' }, open), status, error, list.wrap, start.dialog);
  const stopping = new Set();
  let instances = [];

  async function stop(instance, button) {
    stopping.add(instance.id);
    button.disabled = true;
    replace(button, 'Stopping…');
    try {
      const result = await send('POST', `/api/instances/${encodeURIComponent(instance.id)}/stop`);
      replace(status, `Stopped ${instance.title || instance.appName}${result?.exit?.description ? ` (${result.exit.description})` : ''}.`);
    } catch (e) {
      replace(status, `Could not stop ${instance.title || instance.appName}: ${e.message}`);
    } finally {
      stopping.delete(instance.id);
      render();
    }
  }

  function render() {
    const focused = list.body.contains(document.activeElement) ? document.activeElement.closest('tr')?.dataset.instance : null;
    const now = Date.now();
    list.fill(instances, 'No instance is running.', (i) => {
      const stopButton = h('button', { type: 'button', class: 'stop', 'aria-label': `Stop ${i.title || i.appName}`, text: 'Stop' });
      const busy = stopping.has(i.id) || i.state === 'stopping' || i.state === 'stopped';
      if (busy) {
        stopButton.disabled = true;
        replace(stopButton, stopping.has(i.id) ? 'Stopping…' : 'Stop');
      }

      stopButton.addEventListener('click', () => stop(i, stopButton));
      return h('tr', { dataset: { instance: i.id, app: i.appName, state: i.state } },
        cell('app', i.appName),
        cell('title', i.title ?? ''),
        cell('id', h('code', { title: i.id, text: i.id.slice(0, 8) })),
        cell('pid', i.processId ?? ''),
        cell('state', h('span', { class: ['badge', `state-${i.state}`], text: i.state })),
        cell('ready', yesNo(i.ready)),
        cell('restarts', String(i.restartCount ?? 0)),
        h('td', { dataset: { col: 'uptime', startedAt: i.startedAt }, text: duration(now - new Date(i.startedAt).getTime()) }),
        cell('startedBy', i.startedBy?.kindName ?? i.startedBy?.kind ?? ''),
        cell('actions', stopButton));
    });
    if (focused) {
      [...list.body.rows].find((r) => r.dataset.instance === focused)?.querySelector('button')?.focus();
    }
  }

  const ticker = { id: null };
  return {
    name: 'instances',
    title: 'Instances',
    root,
    resources: ['instances', 'apps'],
    render(name, resource) {
      if (name === 'apps') {
        start.setApps([...(resource.value ?? [])].sort((a, b) => a.name.localeCompare(b.name)));
        return;
      }

      showError(error, resource, 'the instances');
      if (resource.value !== undefined) {
        instances = [...(resource.value ?? [])].sort((a, b) => a.appName.localeCompare(b.appName) || a.instanceIndex - b.instanceIndex);
        render();
      }
    },
    shown() {
      // The uptime ticks once a second while the view is shown.
      ticker.id = setInterval(() => {
        const now = Date.now();
        for (const td of root.querySelectorAll('td[data-col="uptime"]')) {
          td.textContent = duration(now - new Date(td.dataset.startedAt).getTime());
        }
      }, 1000);
    },
    hidden() {
      clearInterval(ticker.id);
    },
  };
}
