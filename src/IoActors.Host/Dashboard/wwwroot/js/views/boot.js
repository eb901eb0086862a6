// Boot: the boot report as an SVG timeline (a bar per stage and per auto-start app, marks for requested / started /
// ready / timed-out / failed, a time axis) and the same data as a table.

import { h, replace, s } from '../dom.js';
import { between, clock, offset } from '../format.js';
import { cell, dataTable, errorLine, section, showError } from './common.js';

const ROW = 26;
const BAR = 14;
const AXIS = 28;
const MARKS = [['requestedAt', 'requested'], ['startedAt', 'started'], ['readyAt', 'ready'], ['timedOutAt', 'timedOut'], ['failedAt', 'failed']];
const MARK_TEXT = { requested: 'requested', started: 'started', ready: 'ready', timedOut: 'timed out', failed: 'failed' };
const STAGE_NAMES = { core: 'core', preSso: 'pre-sso', identity: 'identity', postSso: 'post-sso', user: 'user' };
const COLUMNS = [['kind', 'Kind'], ['name', 'Name'], ['stage', 'Stage'], ['priority', 'Priority'], ['wait', 'Waits for'], ['outcome', 'Outcome'],
  ['requested', 'Requested'], ['started', 'Started'], ['ready', 'Ready'], ['timedOut', 'Timed out / failed'], ['ended', 'Ended'], ['error', 'Error']];

const stageName = (stage) => STAGE_NAMES[stage] ?? stage;
const ms = (iso) => (iso ? new Date(iso).getTime() : null);

/** An axis step of 1, 2 or 5 times a power of ten giving at most about `count` ticks over `span` ms. */
export function tickStep(span, count) {
  const raw = Math.max(span, 1) / Math.max(count, 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((f) => f * power).find((step) => step >= raw);
}

function axisLabel(value, step) {
  if (value === 0) {
    return '0';
  }

  return step >= 1000 ? `${(value / 1000).toFixed(step >= 10000 ? 0 : 1)} s` : `${Math.round(value)} ms`;
}

/** The end of an app's bar: its last known time. */
function appEnd(app) {
  return app.readyAt ?? app.timedOutAt ?? app.failedAt ?? app.startedAt ?? app.requestedAt;
}

function timeline(report, width) {
  const start = ms(report.startedAt);
  const times = [ms(report.endedAt), ...report.stages.flatMap((st) => [ms(st.startedAt), ms(st.endedAt)]),
    ...report.apps.flatMap((a) => MARKS.map(([key]) => ms(a[key])))].filter((t) => t !== null);
  const end = Math.max(report.endedAt ? ms(report.endedAt) : Date.now(), ...times);
  const span = Math.max(end - start, 1);
  const label = Math.min(170, Math.round(width * 0.34));
  const plot = width - label - 24;
  const x = (iso) => label + ((ms(iso) - start) / span) * plot;
  const rows = report.stages.length + report.apps.length;
  const height = AXIS + rows * ROW + 8;
  const svg = s('svg', { id: 'boot-timeline', class: 'timeline', width: String(width), height: String(height), viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'boot-timeline-title' },
    s('title', { id: 'boot-timeline-title', text: `Boot timeline: ${report.stages.length} stages and ${report.apps.length} auto-start apps over ${Math.round(span)} ms` }));

  const step = tickStep(span, Math.max(2, Math.floor(plot / 90)));
  const axis = s('g', { class: 'axis' });
  for (let t = 0; t <= span + 0.001; t += step) {
    const tx = label + (t / span) * plot;
    axis.append(s('line', { class: 'tick', x1: tx, x2: tx, y1: AXIS - 6, y2: height - 4 }),
      s('text', { class: 'tick-label', x: tx, y: AXIS - 10, 'text-anchor': 'middle', text: axisLabel(t, step) }));
  }

  svg.append(axis);
  let row = 0;
  const rowY = () => AXIS + row * ROW + (ROW - BAR) / 2;
  for (const stage of report.stages) {
    const y = rowY();
    const from = stage.startedAt ? x(stage.startedAt) : label;
    const to = stage.startedAt ? x(stage.endedAt ?? new Date(end).toISOString()) : label;
    const text = `stage ${stageName(stage.stage)}: ${stage.startedAt ? `${offset(between(report.startedAt, stage.startedAt))} to ${stage.endedAt ? offset(between(report.startedAt, stage.endedAt)) : 'running'}` : 'not started'}`;
    svg.append(s('text', { class: 'row-label stage-label', x: label - 8, y: y + BAR - 3, 'text-anchor': 'end', text: stageName(stage.stage) }),
      s('rect', { class: ['bar', 'stage', stage.startedAt ? null : 'pending', stage.startedAt && !stage.endedAt ? 'running' : null], 'data-stage': stage.stage, x: from, y, width: stage.startedAt ? Math.max(to - from, 2) : 0, height: BAR, rx: 2 },
        s('title', { text })));
    row++;
  }

  for (const app of report.apps) {
    const y = rowY();
    const last = appEnd(app);
    const from = app.requestedAt ? x(app.requestedAt) : label;
    const to = last ? x(last) : label;
    svg.append(s('text', { class: 'row-label app-label', x: label - 8, y: y + BAR - 3, 'text-anchor': 'end', text: app.name }),
      s('rect', { class: ['bar', 'app', `outcome-${app.outcome}`, app.requestedAt ? null : 'pending'], 'data-app': app.name, 'data-outcome': app.outcome, x: from, y, width: app.requestedAt ? Math.max(to - from, 2) : 0, height: BAR, rx: 2 },
        s('title', { text: `${app.name}: ${app.outcome}${app.error ? ` (${app.error})` : ''}` })));
    const cy = y + BAR / 2;
    for (const [key, kind] of MARKS) {
      if (!app[key]) {
        continue;
      }

      const mx = x(app[key]);
      const title = s('title', { text: `${app.name} ${MARK_TEXT[kind]} ${offset(between(report.startedAt, app[key]))}` });
      const attrs = { class: ['mark', `mark-${kind}`], 'data-app': app.name, 'data-mark': kind };
      if (kind === 'requested') {
        svg.append(s('line', { ...attrs, x1: mx, x2: mx, y1: y - 3, y2: y + BAR + 3 }, title));
      } else if (kind === 'started') {
        svg.append(s('circle', { ...attrs, cx: mx, cy, r: 4 }, title));
      } else if (kind === 'ready') {
        svg.append(s('path', { ...attrs, d: `M${mx} ${cy - 6}L${mx + 6} ${cy}L${mx} ${cy + 6}L${mx - 6} ${cy}Z` }, title));
      } else {
        svg.append(s('path', { ...attrs, d: `M${mx - 5} ${cy - 5}L${mx + 5} ${cy + 5}M${mx + 5} ${cy - 5}L${mx - 5} ${cy + 5}` }, title));
      }
    }

    row++;
  }

  return svg;
}

function legend() {
  return h('ul', { class: 'legend', 'aria-label': 'Timeline legend' },
    h('li', null, h('span', { class: 'swatch swatch-stage', 'aria-hidden': 'true' }), 'stage'),
    h('li', null, h('span', { class: 'swatch swatch-app', 'aria-hidden': 'true' }), 'auto-start app'),
    MARKS.map(([, kind]) => h('li', null, h('span', { class: `swatch swatch-mark mark-${kind}`, 'aria-hidden': 'true' }), MARK_TEXT[kind])));
}

function summaryOf(report) {
  const total = report.endedAt ? ` in ${Math.round(between(report.startedAt, report.endedAt))} ms` : '';
  const who = report.identity?.user ? ` — user ${report.identity.user}${report.identity.source ? ` (${report.identity.source})` : ''}` : '';
  if (report.error) {
    return `Boot attempt ${report.attempt} failed${total}: ${report.error}`;
  }

  return report.endedAt
    ? `Boot attempt ${report.attempt} completed${total}, at ${clock(report.endedAt)}${who}.`
    : `Boot attempt ${report.attempt} running since ${clock(report.startedAt)}…`;
}

export function createBootView() {
  const summary = h('p', { id: 'boot-summary', class: 'summary', role: 'status' });
  const error = errorLine('boot-error');
  const chart = h('div', { id: 'boot-chart', class: 'chart' });
  const list = dataTable('boot-table', 'Boot stages and auto-start apps', COLUMNS);
  const root = section('boot', 'Boot', summary, error, h('figure', { class: 'timeline-figure' }, chart, h('figcaption', null, legend())), list.wrap);
  let report = null;
  let drawnWidth = 0;

  function renderChart() {
    if (report) {
      drawnWidth = Math.max(chart.clientWidth || 960, 300);
      replace(chart, timeline(report, drawnWidth));
    }
  }

  function renderTable() {
    const t0 = report.startedAt;
    const rel = (iso) => offset(between(t0, iso));
    replace(list.body,
      report.stages.map((st) => h('tr', { dataset: { stage: st.stage } },
        cell('kind', 'stage'), cell('name', stageName(st.stage)), cell('stage', stageName(st.stage)), cell('priority'), cell('wait'),
        cell('outcome', st.endedAt ? 'completed' : st.startedAt ? 'running' : 'pending'),
        cell('requested'), cell('started', rel(st.startedAt)), cell('ready'), cell('timedOut'), cell('ended', rel(st.endedAt)), cell('error'))),
      report.apps.map((a) => h('tr', { dataset: { app: a.name, outcome: a.outcome } },
        cell('kind', 'app'), cell('name', a.name), cell('stage', stageName(a.stage)), cell('priority', String(a.priority)), cell('wait', String(a.wait ?? '')),
        cell('outcome', h('span', { class: ['badge', `outcome-${a.outcome}`], text: a.outcome })),
        cell('requested', rel(a.requestedAt)), cell('started', rel(a.startedAt)), cell('ready', rel(a.readyAt)),
        cell('timedOut', rel(a.timedOutAt ?? a.failedAt)), cell('ended'), cell('error', a.error ?? ''))));
  }

  // Drawn at the chart's pixel width, so the text stays readable on a narrow screen; redrawn when the width changes.
  const resize = new ResizeObserver(() => {
    if (Math.max(chart.clientWidth, 300) !== drawnWidth) {
      renderChart();
    }
  });
  return {
    name: 'boot',
    title: 'Boot',
    root,
    resources: ['boot'],
    render(_, resource) {
      showError(error, resource, 'the boot report');
      if (resource.value) {
        report = { ...resource.value, stages: resource.value.stages ?? [], apps: resource.value.apps ?? [] };
        replace(summary, summaryOf(report));
        renderChart();
        renderTable();
      }
    },
    shown() {
      resize.observe(chart);
    },
    hidden() {
      resize.disconnect();
    },
  };
}
