// Apps: the registry's apps with a search box and filters (store, type, system or user); selecting one shows its
// definition (pretty JSON) and its validation problems.

import { getJson } from '../api.js';
import { field, h, path, replace } from '../dom.js';
import { json } from '../format.js';
import { cell, dataTable, errorLine, section, showError } from './common.js';

const COLUMNS = [['name', 'Name'], ['title', 'Title'], ['type', 'Type'], ['store', 'Store'], ['origin', 'Origin'], ['source', 'Source']];

const storeOf = (app) => (app.store ?? 'unknown').toLowerCase();
const originOf = (app) => (storeOf(app) === 'system' ? 'system' : 'user');

/** Fills a <select> with "All" plus the given values, keeping the current choice when it is still offered. */
function options(select, values, allText) {
  const current = select.value;
  const wanted = ['', ...values];
  const have = [...select.options].map((o) => o.value);
  if (wanted.join('\n') !== have.join('\n')) {
    replace(select, wanted.map((v) => h('option', { value: v, text: v === '' ? allText : v })));
    select.value = wanted.includes(current) ? current : '';
  }
}

export function createAppsView() {
  const search = h('input', { id: 'apps-search', type: 'search', placeholder: 'Name or title', autocomplete: 'off' });
  const store = h('select', { id: 'apps-store' });
  const type = h('select', { id: 'apps-type' });
  const origin = h('select', { id: 'apps-origin' },
    h('option', { value: '', text: 'System and user' }), h('option', { value: 'system', text: 'System' }), h('option', { value: 'user', text: 'User' }));
  const summary = h('p', { id: 'apps-summary', class: 'summary', role: 'status' });
  const error = errorLine('apps-error');
  const list = dataTable('apps-table', 'Apps in the registry', COLUMNS);
  const detailsHeading = h('h3', { id: 'app-details-heading', tabindex: '-1', text: 'No app selected' });
  const detailsNote = h('p', { id: 'app-details-note', class: 'hint', text: 'Select an app to see its definition and validation problems.' });
  const problems = h('ul', { id: 'app-problems', class: 'problems', 'aria-label': 'Validation problems' });
  const problemsNote = h('p', { id: 'app-problems-note', class: 'hint' });
  const definition = h('pre', { id: 'app-definition', class: 'json', tabindex: '0', 'aria-label': 'Definition JSON' });
  const details = h('aside', { id: 'app-details', class: 'details', 'aria-labelledby': 'app-details-heading' },
    detailsHeading, detailsNote,
    h('h4', { text: 'Validation problems' }), problemsNote, problems,
    h('h4', { text: 'Definition' }), definition);

  const root = section('apps', 'Apps',
    h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter apps', onsubmit: (e) => e.preventDefault() },
      field('Search', search), field('Store', store), field('Type', type), field('System or user', origin)),
    summary, error,
    h('div', { class: 'split' }, h('div', { class: 'split-main' }, list.wrap), details));

  let apps = [];
  let selected = null;
  let problemsRequest = 0;

  function matches(app) {
    const text = search.value.trim().toLowerCase();
    return (!text || app.name.toLowerCase().includes(text) || (app.title ?? '').toLowerCase().includes(text))
      && (!store.value || storeOf(app) === store.value)
      && (!type.value || app.type === type.value)
      && (!origin.value || originOf(app) === origin.value);
  }

  function select(name, focus) {
    selected = name;
    renderList();
    renderDetails(true);
    if (focus) {
      detailsHeading.focus();
    }
  }

  function renderList() {
    options(store, [...new Set(apps.map(storeOf))].sort(), 'All stores');
    options(type, [...new Set(apps.map((a) => a.type))].sort(), 'All types');
    const shown = apps.filter(matches);
    const focused = list.body.contains(document.activeElement) ? document.activeElement.closest('tr')?.dataset.app : null;
    replace(summary, `${shown.length} of ${apps.length} apps`);
    list.fill(shown, apps.length === 0 ? 'No apps in the registry.' : 'No app matches the filters.', (app) => h('tr', { dataset: { app: app.name }, class: app.name === selected ? 'selected' : null },
      cell('name', h('button', { type: 'button', class: 'link', 'aria-pressed': String(app.name === selected), onclick: () => select(app.name, true), text: app.name })),
      cell('title', app.title ?? ''),
      cell('type', app.type ?? ''),
      cell('store', storeOf(app)),
      cell('origin', originOf(app)),
      cell('source', path(app.source ?? ''))));
    if (focused) {
      // A live refresh rebuilt the rows: keep the keyboard focus on the same app.
      [...list.body.rows].find((r) => r.dataset.app === focused)?.querySelector('button')?.focus();
    }
  }

  async function renderDetails(refetchProblems) {
    const app = apps.find((a) => a.name === selected);
    if (!selected) {
      return;
    }

    replace(detailsHeading, selected);
    if (!app) {
      replace(detailsNote, 'This app is no longer in the registry.');
      detailsNote.hidden = false;
      replace(definition);
      replace(problems);
      replace(problemsNote);
      return;
    }

    detailsNote.hidden = !app.title;
    replace(detailsNote, app.title ? `${app.title} — ${app.type}, ${storeOf(app)} store` : '');
    replace(definition, json(app.definition ?? app));
    if (!refetchProblems) {
      return;
    }

    const request = ++problemsRequest;
    replace(problemsNote, 'Loading…');
    try {
      const { value } = await getJson(`/api/apps/${encodeURIComponent(app.name)}/problems`);
      if (request !== problemsRequest) {
        return;
      }

      const list = Array.isArray(value) ? value : [];
      replace(problemsNote, list.length === 0 ? 'No validation problems.' : `${list.length} problem${list.length === 1 ? '' : 's'}:`);
      replace(problems, list.map((p) => h('li', { class: ['problem', p.severity], dataset: { severity: p.severity } },
        h('span', { class: 'severity', text: p.severity ?? 'problem' }), ' ',
        h('span', { class: 'where', text: [p.source, p.line && `${p.line}:${p.column ?? 0}`].filter(Boolean).join(':') }), ' ',
        p.path ? h('code', { text: p.path }) : null, p.path ? ': ' : null,
        p.message ?? '')));
    } catch (e) {
      if (request === problemsRequest) {
        replace(problems);
        replace(problemsNote, `Could not load the validation problems: ${e.message}`);
      }
    }
  }

  for (const control of [search, store, type, origin]) {
    control.addEventListener('input', renderList);
  }

  return {
    name: 'apps',
    title: 'Apps',
    root,
    resources: ['apps'],
    render(_, resource) {
      showError(error, resource, 'the apps');
      if (resource.value !== undefined) {
        apps = [...(resource.value ?? [])].sort((a, b) => a.name.localeCompare(b.name));
        renderList();
        renderDetails(true);
      }
    },
  };
}
