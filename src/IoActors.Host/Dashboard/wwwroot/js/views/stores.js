// Store health: per app store its state, last poll and its outcome, app count, whether it is served from the cache,
// the last error and the recent errors.

import { h, replace } from '../dom.js';
import { clock, dateTime } from '../format.js';
import { cell, dataTable, errorLine, section, showError, yesNo } from './common.js';

const COLUMNS = [['store', 'Store'], ['type', 'Type'], ['kind', 'Kind'], ['required', 'Required'], ['state', 'State'], ['apps', 'Apps'],
  ['polled', 'Last poll'], ['outcome', 'Outcome'], ['cache', 'From cache'], ['errors', 'Errors']];

function where(e) {
  return [e.source, e.line ? `${e.line}:${e.column ?? 0}` : null].filter(Boolean).join(':');
}

function errorsCell(store) {
  const recent = store.recentErrors ?? [];
  return cell('errors',
    store.lastError ? h('p', { class: 'last-error', text: store.lastError }) : (recent.length === 0 ? 'none' : null),
    recent.length > 0
      ? h('details', { class: 'recent-errors' },
        h('summary', { text: `${recent.length} recent error${recent.length === 1 ? '' : 's'}` }),
        h('ul', null, recent.map((e) => h('li', null,
          where(e) ? h('span', { class: 'where', text: where(e) }) : null, where(e) ? ' ' : null,
          e.appName ? h('code', { text: e.appName }) : null, e.appName ? ': ' : null,
          e.message ?? ''))))
      : null);
}

export function createStoresView() {
  const summary = h('p', { id: 'stores-summary', class: 'summary', role: 'status' });
  const error = errorLine('stores-error');
  const list = dataTable('stores-table', 'App stores', COLUMNS);
  const root = section('stores', 'Store health', summary, error, list.wrap);

  return {
    name: 'stores',
    title: 'Stores',
    root,
    resources: ['stores'],
    render(_, resource) {
      showError(error, resource, 'the store health');
      if (resource.value === undefined) {
        return;
      }

      const stores = resource.value ?? [];
      const failed = stores.filter((st) => st.state === 'failed').length;
      replace(summary, `${stores.length} stores: ${stores.filter((st) => st.state === 'loaded').length} loaded, ${failed} failed.`);
      list.fill(stores, 'No app stores are configured.', (st) => h('tr', { dataset: { store: st.storeId, state: st.state } },
        cell('store', h('code', { text: st.storeId })),
        cell('type', st.type ?? ''),
        cell('kind', st.kind ?? ''),
        cell('required', yesNo(st.isRequired)),
        cell('state', h('span', { class: ['badge', `state-${st.state}`], text: st.state })),
        cell('apps', String(st.appCount ?? 0)),
        cell('polled', st.lastPolledAt ? h('time', { datetime: st.lastPolledAt, title: dateTime(st.lastPolledAt), text: clock(st.lastPolledAt) }) : 'never'),
        cell('outcome', st.lastOutcome ? h('span', { class: ['badge', `outcome-${st.lastOutcome}`], text: st.lastOutcome }) : ''),
        cell('cache', yesNo(st.fromCache)),
        errorsCell(st)));
    },
  };
}
