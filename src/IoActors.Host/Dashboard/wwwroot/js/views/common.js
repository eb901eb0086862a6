// Pieces the views share: a view's section with its heading, data tables, and the line that says a fetch failed.

import { h, replace, scrollingTable } from '../dom.js';

/** A view's <section> with its <h2>; the section is hidden until the view is shown. */
export function section(name, title, ...children) {
  return h('section', { id: `view-${name}`, class: 'view', 'aria-labelledby': `${name}-heading`, hidden: true, dataset: { view: name } },
    h('h2', { id: `${name}-heading`, tabindex: '-1', text: title }),
    ...children);
}

/**
 * A table with a caption and column headers; returns {wrap, table, body, fill}. fill(items, emptyText, row) puts a row
 * per item in the body, or one row saying emptyText. Column keys become data-col on the header cells.
 */
export function dataTable(id, caption, columns) {
  const body = h('tbody');
  const table = h('table', { id, class: 'data' },
    h('caption', { text: caption }),
    h('thead', null, h('tr', null, columns.map(([key, text]) => h('th', { scope: 'col', dataset: { col: key }, text })))),
    body);
  const fill = (items, emptyText, row) => replace(body, items.length === 0 ? emptyRow(columns.length, emptyText) : items.map(row));
  return { wrap: scrollingTable(caption, table), table, body, fill };
}

/** A row's cell: h('td', {data-col}, ...). */
export function cell(key, ...children) {
  return h('td', { dataset: { col: key } }, ...children);
}

/** A row that spans the table and says why it is empty. */
function emptyRow(columns, text) {
  return h('tr', { class: 'empty' }, h('td', { colspan: String(columns), text }));
}

/** Shows a resource's fetch error in el (hidden when there is none). */
export function showError(el, resource, what) {
  if (resource.error) {
    el.hidden = false;
    replace(el, `Could not load ${what}: ${resource.error.message}`);
  } else {
    el.hidden = true;
    replace(el);
  }
}

/** The element showError writes to. */
export function errorLine(id) {
  return h('p', { id, class: 'load-error', role: 'alert', hidden: true });
}

/** A yes/no cell text. */
export const yesNo = (value) => (value ? 'yes' : 'no');
