// Layouts: the saved layouts by type and name, their components, and which one is the default.

import { h, replace } from '../dom.js';
import { dateTime } from '../format.js';
import { cell, dataTable, errorLine, section, showError } from './common.js';

const COLUMNS = [['name', 'Name'], ['type', 'Type'], ['components', 'Components'], ['apps', 'Apps'], ['saved', 'Saved'], ['default', 'Default']];

export function createLayoutsView() {
  const summary = h('p', { id: 'layouts-summary', class: 'summary', role: 'status' });
  const error = errorLine('layouts-error');
  const list = dataTable('layouts-table', 'Saved layouts', COLUMNS);
  const root = section('layouts', 'Layouts', summary, error, list.wrap);

  return {
    name: 'layouts',
    title: 'Layouts',
    root,
    resources: ['layouts'],
    render(_, resource) {
      showError(error, resource, 'the layouts');
      if (resource.value === undefined) {
        return;
      }

      const { layouts = [], defaultLayout = null } = resource.value ?? {};
      const isDefault = (l) => defaultLayout !== null && l.type === defaultLayout.type && l.name === defaultLayout.name;
      replace(summary, `${layouts.length} saved layout${layouts.length === 1 ? '' : 's'}; default: ${defaultLayout ? defaultLayout.name : 'none'}.`);
      list.fill(layouts, 'No saved layouts.', (l) => h('tr', { dataset: { layout: `${l.type}/${l.name}` } },
        cell('name', l.name),
        cell('type', l.type),
        cell('components', String(l.components?.length ?? 0)),
        cell('apps', [...new Set((l.components ?? []).map((c) => c.application))].join(', ')),
        cell('saved', l.savedAt ? h('time', { datetime: l.savedAt, text: dateTime(l.savedAt) }) : ''),
        cell('default', isDefault(l) ? 'yes' : '')));
    },
  };
}
