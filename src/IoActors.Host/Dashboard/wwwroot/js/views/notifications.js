// Notifications: those the platform keeps (raised by apps, not yet cleared), oldest first.

import { h, replace } from '../dom.js';
import { dateTime } from '../format.js';
import { cell, dataTable, errorLine, section, showError } from './common.js';

const COLUMNS = [['title', 'Title'], ['body', 'Body'], ['severity', 'Severity'], ['state', 'State'], ['app', 'From'], ['raised', 'Raised'], ['actions', 'Actions']];

export function createNotificationsView() {
  const error = errorLine('notifications-error');
  const list = dataTable('notifications-table', 'Notifications', COLUMNS);
  const root = section('notifications', 'Notifications', error, list.wrap);

  return {
    name: 'notifications',
    title: 'Notifications',
    root,
    resources: ['notifications'],
    render(_, resource) {
      showError(error, resource, 'the notifications');
      if (resource.value === undefined) {
        return;
      }

      const notifications = resource.value ?? [];
      list.fill(notifications, 'No notifications.', (n) => h('tr', { dataset: { notification: n.id, severity: n.severity } },
        cell('title', n.title ?? ''),
        cell('body', n.body ?? ''),
        cell('severity', h('span', { class: ['badge', `severity-${String(n.severity).toLowerCase()}`], text: n.severity ?? '' })),
        cell('state', n.state ?? ''),
        cell('app', n.application ?? n.source ?? ''),
        cell('raised', n.raised ? h('time', { datetime: n.raised, text: dateTime(n.raised) }) : ''),
        cell('actions', (n.actions ?? []).map((a) => a.title || a.action).join(', '))));
    },
  };
}
