// The dashboard's entry point: sign-in (token form, one-time #code= link, or the session a reload still has), the
// shell with its views under hash routes (#/apps, #/instances, ...), and the live event stream that feeds the event
// log and tells the views when their data changed.

import * as api from './api.js';
import { clearAll, invalidateAll, invalidateFor, resources } from './data.js';
import { h, replace } from './dom.js';
import { EventStream } from './stream.js';
import { createAppsView } from './views/apps.js';
import { createBootView } from './views/boot.js';
import { createEventsView } from './views/events.js';
import { createInstancesView } from './views/instances.js';
import { createLayoutsView } from './views/layouts.js';
import { createNotificationsView } from './views/notifications.js';
import { createStoresView } from './views/stores.js';

const $ = (id) => document.getElementById(id);
const loginPage = $('login-page');
const loginForm = $('login-form');
const tokenInput = $('token');
const loginError = $('login-error');
const loginButton = $('login-submit');
const shell = $('app-shell');
const main = $('main');
const connection = $('connection');

const eventsView = createEventsView();
const views = [createAppsView(), createInstancesView(), createBootView(), createStoresView(), eventsView, createNotificationsView(), createLayoutsView()];
const byName = new Map(views.map((v) => [v.name, v]));
let current = null;
let releases = [];
let expiry = null;

for (const view of views) {
  main.append(view.root);
  $('nav-list').append(h('li', null, h('a', { href: `#/${view.name}`, dataset: { view: view.name }, text: view.title })));
}

// ---- views and routes ----------------------------------------------------------------------------------------------

function routeName() {
  const match = /^#\/([A-Za-z]+)/.exec(location.hash);
  return match && byName.has(match[1]) ? match[1] : 'apps';
}

function hideView() {
  if (current) {
    current.root.hidden = true;
    current.hidden?.();
    for (const release of releases) {
      release();
    }
  }

  releases = [];
  current = null;
}

function showView(name, focus) {
  if (current?.name === name) {
    return;
  }

  hideView();
  const view = byName.get(name);
  current = view;
  view.root.hidden = false;
  for (const link of document.querySelectorAll('#nav-list a')) {
    if (link.dataset.view === name) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }

  document.title = `${view.title} — IoActors dashboard`;
  view.shown?.();
  releases = view.resources.map((r) => resources[r].use((resource) => view.render(r, resource)));
  if (focus) {
    view.root.querySelector('h2')?.focus();
  }
}

// ---- the connection status -----------------------------------------------------------------------------------------

function setConnection({ state, resumedAfter = null, retryInMs = 0 }) {
  connection.dataset.state = state;
  if (state === 'live' && resumedAfter !== null) {
    connection.dataset.resumed = String(resumedAfter);
    replace(connection, `Reconnected — resumed after event #${resumedAfter}`);
    return;
  }

  delete connection.dataset.resumed;
  replace(connection, state === 'live'
    ? 'Live'
    : state === 'reconnecting'
      ? 'Connection lost — reconnecting…'
      : `Offline — the host does not answer; retrying every ${Math.round(retryInMs / 1000)} s`);
}

const stream = new EventStream({
  onEvent: (event) => {
    eventsView.add(event);
    invalidateFor(event.type);
  },
  onGap: (missed) => {
    const note = missed === null ? 'the host restarted its event numbering' : `${missed} events the host no longer had`;
    eventsView.add({ id: '', type: 'gap', data: { missed, note: `${note}; every view is fetched again` } });
    invalidateAll();
  },
  onResync: () => invalidateAll(),
  onState: setConnection,
  onUnauthorized: () => leaveDashboard('Your session has ended. Sign in again.'),
});

// ---- signing in and out --------------------------------------------------------------------------------------------

function scheduleExpiry() {
  clearTimeout(expiry);
  const ends = api.expiresAt() ? new Date(api.expiresAt()).getTime() : NaN;
  if (!Number.isNaN(ends)) {
    // When the session should have ended, ask the host: a renewed one goes on, an ended one goes back to sign-in.
    expiry = setTimeout(async () => {
      if (!(await api.resume().catch(() => false))) {
        leaveDashboard('Your session has expired. Sign in again.');
      } else {
        scheduleExpiry();
      }
    }, Math.min(Math.max(ends - Date.now() + 1000, 1000), 2 ** 31 - 1));
  }
}

function enterDashboard() {
  loginPage.hidden = true;
  shell.hidden = false;
  replace(loginError);
  tokenInput.value = '';
  setConnection({ state: 'reconnecting' });
  replace(connection, 'Connecting…');
  scheduleExpiry();
  showView(routeName(), false);
  // From event 0: the host replays what it still holds, so the log starts with the recent history.
  stream.start(0);
  main.focus();
}

function leaveDashboard(message) {
  stream.stop();
  clearTimeout(expiry);
  hideView();
  clearAll();
  eventsView.reset();
  for (const dialog of document.querySelectorAll('dialog[open]')) {
    dialog.close();
  }

  api.forget();
  shell.hidden = true;
  loginPage.hidden = false;
  replace(loginError, message ?? '');
  document.title = 'Sign in — IoActors dashboard';
}

/** The one-time code of a #code=... link, or null. */
function linkCode() {
  const match = /^#code=([^&]+)/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

async function signInWithLink(code) {
  // The code leaves the address bar (and the history) before anything else happens.
  history.replaceState(null, '', `${location.pathname}${location.search}#/apps`);
  try {
    await api.login({ code });
    enterDashboard();
  } catch (e) {
    leaveDashboard(`The sign-in link did not work: ${e.message}`);
  }
}

loginForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const token = tokenInput.value.trim();
  if (!token) {
    replace(loginError, 'Enter the API token.');
    tokenInput.focus();
    return;
  }

  loginButton.disabled = true;
  replace(loginError);
  try {
    await api.login({ token });
    enterDashboard();
  } catch (error) {
    replace(loginError, error instanceof api.ApiError ? error.message : `Could not reach the host: ${error.message}`);
    tokenInput.select();
    tokenInput.focus();
  } finally {
    loginButton.disabled = false;
  }
});

$('sign-out').addEventListener('click', async () => {
  await api.logout().catch(() => {});
  leaveDashboard('You have signed out.');
  tokenInput.focus();
});

document.querySelector('.skip-link').addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', () => {
  const code = linkCode();
  if (code) {
    signInWithLink(code);
  } else if (!shell.hidden) {
    showView(routeName(), true);
  }
});

api.onUnauthorized(() => {
  if (!shell.hidden) {
    leaveDashboard('Your session has ended. Sign in again.');
  }
});

async function start() {
  const code = linkCode();
  if (code) {
    await signInWithLink(code);
  } else if (await api.resume().catch(() => false)) {
    enterDashboard();
  } else {
    leaveDashboard(null);
  }
}

start();
