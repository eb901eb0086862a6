// The live event log: every event of the stream, newest first, the last LIMIT kept in memory; a type filter
// (comma-separated, * as a wildcard); Pause holds new events back (counting them) and Resume adds them.

import { field, h, replace } from '../dom.js';
import { clock, dateTime, json } from '../format.js';
import { section } from './common.js';

export const LIMIT = 500;

/** A predicate for a filter such as "Instance*, BootCompleted" (case-insensitive; empty takes everything). */
export function typeFilter(text) {
  const terms = text.split(',').map((t) => t.trim()).filter(Boolean);
  if (terms.length === 0) {
    return () => true;
  }

  const patterns = terms.map((t) => new RegExp(`^${t.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i'));
  return (type) => patterns.some((p) => p.test(type));
}

/** A one-line summary of an event's data: its most telling fields. */
export function summarize(data) {
  if (!data || typeof data !== 'object') {
    return '';
  }

  const parts = [];
  const add = (key, value) => {
    if (value !== undefined && value !== null && value !== '') {
      parts.push(`${key}=${typeof value === 'object' ? JSON.stringify(value) : value}`);
    }
  };
  add('app', typeof data.app === 'object' ? data.app?.name : data.app);
  add('app', data.appName);
  add('instance', data.instanceId?.slice?.(0, 8));
  add('state', data.instance?.state);
  add('pid', data.instance?.processId);
  add('stage', data.stage ?? (typeof data.app === 'object' ? data.app?.stage : undefined));
  add('outcome', data.outcome ?? (typeof data.app === 'object' ? data.app?.outcome : undefined));
  add('store', data.storeId);
  add('apps', data.appCount ?? (typeof data.apps === 'number' ? data.apps : undefined));
  add('changes', data.changes);
  add('notification', data.notification?.title);
  add('layout', data.layout?.name);
  add('name', data.name);
  add('attempt', data.attempt);
  add('error', data.error ?? data.reason);
  return parts.join(' ');
}

function entry(event) {
  const pre = h('pre', { class: 'json', hidden: true });
  const label = event.id === '' ? `the ${event.type} note` : `event #${event.id} (${event.type})`;
  const toggle = h('button', { type: 'button', class: 'link json-toggle', 'aria-expanded': 'false', 'aria-label': `JSON of ${label}`, text: 'JSON' });
  // The JSON is laid out only when it is opened: 500 entries stay cheap.
  toggle.addEventListener('click', () => {
    const open = pre.hidden;
    if (open && !pre.textContent) {
      pre.textContent = json(event.data);
    }

    pre.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  });
  const time = event.data?.time;
  return h('li', { class: 'event', dataset: { eventId: event.id, type: event.type } },
    h('span', { class: 'event-id', text: event.id === '' ? '' : `#${event.id}` }),
    h('time', { datetime: time ?? '', title: dateTime(time), text: clock(time) }),
    h('span', { class: 'event-type', text: event.type }),
    h('span', { class: 'event-summary', text: summarize(event.data) }),
    toggle,
    pre);
}

export function createEventsView() {
  const filter = h('input', { id: 'events-filter', type: 'search', list: 'events-types', placeholder: 'e.g. Instance*, Boot*', autocomplete: 'off' });
  const types = h('datalist', { id: 'events-types' });
  const pause = h('button', { id: 'events-pause', type: 'button', 'aria-pressed': 'false', text: 'Pause' });
  const clear = h('button', { id: 'events-clear', type: 'button', text: 'Clear' });
  const pending = h('p', { id: 'events-pending', class: 'paused-note', role: 'status', hidden: true });
  const count = h('p', { id: 'events-count', class: 'summary', 'aria-live': 'polite' });
  const log = h('ol', { id: 'events-log', class: 'event-log', reversed: true, 'aria-label': 'Events, newest first' });
  const root = section('events', 'Event log',
    h('div', { class: 'filters' }, field('Filter by type', filter), types, h('div', { class: 'buttons' }, pause, clear)),
    pending, count, log);

  const shown = [];
  const held = [];
  const seenTypes = new Set();
  let arrivedWhilePaused = 0;
  let paused = false;
  let accepts = typeFilter('');

  function updateCount() {
    const visible = log.querySelectorAll('li:not([hidden])').length;
    replace(count, `Showing ${visible} of ${shown.length} events (newest first; the last ${LIMIT} are kept).`);
    pending.hidden = !paused;
    replace(pending, paused ? `Paused: ${arrivedWhilePaused} new event${arrivedWhilePaused === 1 ? '' : 's'} arrived since.` : '');
  }

  function show(event) {
    const li = entry(event);
    li.hidden = !accepts(event.type);
    shown.push(event);
    log.prepend(li);
    while (shown.length > LIMIT) {
      shown.shift();
      log.lastElementChild?.remove();
    }

    if (!seenTypes.has(event.type)) {
      seenTypes.add(event.type);
      replace(types, [...seenTypes].sort().map((t) => h('option', { value: t })));
    }
  }

  function setPaused(value) {
    paused = value;
    pause.setAttribute('aria-pressed', String(paused));
    replace(pause, paused ? 'Resume' : 'Pause');
    if (!paused) {
      for (const event of held.splice(0)) {
        show(event);
      }

      arrivedWhilePaused = 0;
    }

    updateCount();
  }

  pause.addEventListener('click', () => setPaused(!paused));
  clear.addEventListener('click', () => {
    shown.length = 0;
    held.length = 0;
    arrivedWhilePaused = 0;
    replace(log);
    updateCount();
  });
  filter.addEventListener('input', () => {
    accepts = typeFilter(filter.value);
    for (const li of log.children) {
      li.hidden = !accepts(li.dataset.type);
    }

    updateCount();
  });
  updateCount();

  return {
    name: 'events',
    title: 'Events',
    root,
    resources: [],
    /** Takes one event of the stream (shown at once, or held while paused). */
    add(event) {
      if (paused) {
        held.push(event);
        arrivedWhilePaused++;
        if (held.length > LIMIT) {
          held.shift();
        }
      } else {
        show(event);
      }

      updateCount();
    },
    /** Forgets every event (sign-out). */
    reset() {
      clear.click();
      setPaused(false);
    },
  };
}
