// OrleansSync dashboard: plain JavaScript, no framework, no build step, nothing from a CDN.
// Reads the JSON endpoints under /api/dashboard (and the domains' own read endpoints, found in the
// OpenAPI document) with the bearer token the user pasted, and refreshes the visible page every
// sample interval without reloading. Charts are hand-drawn SVG.
'use strict';

(() => {
  const MIN_REFRESH_MS = 2000;
  const MAX_REFRESH_MS = 5000;
  const SYNC_REFRESH_MS = 10000;
  const OPENAPI_PATH = '/openapi/v1.json';

  // Tags of the API that are infrastructure, not a domain: the sync page leaves them out.
  const INFRASTRUCTURE_TAGS = new Set(['Dashboard', 'Dead letters', 'Event ingestion']);

  // Read endpoints the sync page expects from each domain; one that the API does not document yet is
  // shown as "not available" rather than silently missing.
  const EXPECTED_PANELS = [
    {
      domain: 'Accounting points', title: 'Sync status: states, oldest sync, dead and failing syncs',
      hint: 'GET /accounting-points/sync-status',
      match: (op) => op.path === '/accounting-points/sync-status',
    },
    {
      domain: 'Prison transfers', title: 'Transfers: moves and POM changes applied, pending, failing, merges',
      hint: 'GET /cas2/transfers/status',
      match: (op) => op.path === '/cas2/transfers/status',
    },
    {
      domain: 'Finance', title: 'Finance sync: accounts, last spreadsheet write, pushes pending and failing, last reconciliation',
      hint: 'GET /finance/status',
      match: (op) => op.path === '/finance/status',
    },
    {
      domain: 'Finance', title: 'Interim finance workbook: last write, accounts and changes it holds',
      hint: 'GET /finance/spreadsheet (operator; the file itself is downloaded without Accept: application/json)',
      match: (op) => op.path === '/finance/spreadsheet',
    },
    {
      domain: 'Incentives', title: 'Migration history and progress',
      hint: 'GET /migrate/incentives/history',
      match: (op) => /migrat/i.test(op.path) && /incentive/i.test(op.path) && /history/i.test(op.path),
      columns: ['migrationId', 'status', 'whenStarted', 'whenEnded', 'estimatedRecordCount', 'recordsMigrated', 'recordsSkipped', 'recordsFailed'],
    },
    {
      // Listed before the incentives reconciliation, whose matcher would also take this path.
      domain: 'Incentive reference data', title: 'Reference data against NOMIS: last reconciliation',
      hint: 'GET /incentive/reference-data/reconciliation (POST to run, admin)',
      match: (op) => op.path === '/incentive/reference-data/reconciliation',
      columns: ['trigger', 'finishedAt', 'levelsChecked', 'prisonLevelsChecked', 'mismatchCount', 'repaired', 'error'],
    },
    {
      domain: 'Incentive reference data', title: 'Migration from NOMIS: runs and counts (levels, prison levels)',
      hint: 'GET /incentive/reference-data/migration (POST to start, admin)',
      match: (op) => op.path === '/incentive/reference-data/migration',
      columns: ['migrationId', 'status', 'startedAt', 'endedAt', 'levels', 'prisonLevels', 'lastError'],
    },
    {
      domain: 'Incentives', title: 'Reconciliation reports and mismatches',
      hint: 'GET /incentives/reconciliation (or similar)',
      match: (op) => /incentive/i.test(op.path) && /reconcil/i.test(op.path),
      columns: ['id', 'trigger', 'status', 'startedAt', 'finishedAt', 'prisonersChecked', 'mismatchCount', 'errorCount', 'detail'],
      // Lists leave mismatches out; the newest report that found some is read in full.
      detail: (reports) => {
        const report = Array.isArray(reports) ? reports.find((r) => r && r.id && r.mismatchCount > 0) : null;
        return report ? { id: report.id, title: `Mismatches of report ${report.id}`, pick: (full) => full.mismatches } : null;
      },
    },
    {
      domain: 'Incentive reference data', title: 'Incentive levels in order (mastered here, pushed to NOMIS)',
      hint: 'GET /incentive/levels',
      match: (op) => op.path === '/incentive/levels',
      columns: ['code', 'name', 'active', 'required'],
    },
  ];

  const state = {
    page: null,
    arg: null,
    timer: null,
    refreshMs: MIN_REFRESH_MS,
    paused: false,
    loading: false,
    skewMs: 0,
    historySeconds: 300,
    data: {},
    reminders: { cursors: [null], index: 0, next: null },
    deadLetters: { cursors: [null], index: 0, next: null, namespace: '' },
    grainFilter: '',
    openapi: null,
    syncLoadedAt: 0,
  };

  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

  // ------------------------------------------------------------------ formatting

  const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
  const precise = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

  function esc(value) {
    return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  const count = (n) => (n == null ? '—' : integer.format(n));
  const rate = (n) => (n == null ? '—' : `${n >= 100 ? integer.format(n) : precise.format(n)}/s`);
  const percent = (fraction) => (fraction == null ? '—' : `${decimal.format(fraction * 100)} %`);
  const cpu = (n) => (n == null ? '—' : `${decimal.format(n)} %`);

  function ms(n) {
    if (n == null) return '—';
    if (n >= 1000) return `${precise.format(n / 1000)} s`;
    return `${n < 10 ? precise.format(n) : integer.format(n)} ms`;
  }

  // Percentiles are the upper bound of a latency bucket: "≤ 5 ms" says exactly that.
  const bound = (n) => (n ? `≤ ${ms(n)}` : '—');

  function bytes(n) {
    if (n == null) return '—';
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let value = n;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return `${value >= 100 || unit === 0 ? integer.format(value) : decimal.format(value)} ${units[unit]}`;
  }

  function duration(seconds) {
    if (seconds == null || Number.isNaN(seconds)) return '—';
    const s = Math.abs(seconds);
    if (s < 1) return `${decimal.format(s)} s`;
    if (s < 90) return `${integer.format(s)} s`;
    if (s < 90 * 60) return `${integer.format(s / 60)} min`;
    if (s < 36 * 3600) {
      const h = Math.floor(s / 3600);
      const m = Math.round((s % 3600) / 60);
      return m ? `${h} h ${m} min` : `${h} h`;
    }
    return `${decimal.format(s / 86400)} d`;
  }

  const ago = (seconds) => (seconds == null ? '—' : `${duration(seconds)} ago`);

  // Relative to the server's clock (each answer's "at"), so a browser whose clock is off still reads right.
  function relative(iso) {
    if (!iso) return '—';
    const seconds = (Date.parse(iso) - (Date.now() + state.skewMs)) / 1000;
    if (Math.abs(seconds) < 1) return 'just now';
    return seconds >= 0 ? `in ${duration(seconds)}` : `${duration(-seconds)} ago`;
  }

  const timeOfDay = (iso) => new Date(iso).toLocaleTimeString('en-GB');

  // Replaces an element's content only when it changed: no flicker, selection and focus survive refreshes.
  const rendered = new Map();
  function setHtml(element, html) {
    if (element && rendered.get(element) !== html) {
      element.innerHTML = html;
      rendered.set(element, html);
    }
  }

  function tile(id, label, value, sub = '', level = '') {
    return `<div class="tile ${level}" data-testid="tile-${id}"><div class="label">${esc(label)}</div>`
      + `<div class="value">${esc(value)}</div><div class="sub">${esc(sub)}</div></div>`;
  }

  const level = (value, warnAt, badAt) => (value >= badAt ? 'bad' : value >= warnAt ? 'warn' : 'ok');

  const healthBadge = (health) => `<span class="health ${esc(health)}">${esc(health)}</span>`;

  const emptyRow = (columns, text) => `<tr><td class="empty" colspan="${columns}">${esc(text)}</td></tr>`;

  // ------------------------------------------------------------------ charts

  // series: [{ label, values: [number], css: 's1' }] over points (each with an "at"); format: value → text;
  // floor: the least top of the scale, so a flat zero line is drawn at the bottom of a sensible scale.
  function drawChart(container, title, points, series, format, floor = 1) {
    if (!container) return;
    container.chartArgs = [title, points, series, format, floor];
    const width = Math.max(0, container.clientWidth - 20);
    if (width === 0) return; // hidden: drawn when shown
    const height = 112;
    const left = 48;
    const bottom = 14;
    const plotWidth = width - left - 4;
    const plotHeight = height - bottom - 6;

    const latest = series.map((s) => s.values[s.values.length - 1]);
    const now = series.length > 1
      ? series.map((s, i) => `<span class="key${i + 1}">${esc(s.label)} ${esc(format(latest[i]))}</span>`).join(' · ')
      : esc(format(latest[0]));

    let svg;
    if (points.length < 2) {
      svg = `<svg width="${width}" height="${height}" role="img" aria-label="${esc(title)}">`
        + `<text class="empty" x="${width / 2}" y="${height / 2}" text-anchor="middle">Collecting samples…</text></svg>`;
    } else {
      // The data's own span (at least 10 s, at most the history window): a page opened a minute
      // ago shows its minute across the whole width rather than squeezed against "now".
      const newest = Date.parse(points[points.length - 1].at);
      const oldest = newest - Math.min(state.historySeconds * 1000, Math.max(10000, newest - Date.parse(points[0].at)));
      const max = niceMax(Math.max(floor, ...series.flatMap((s) => s.values.filter((v) => v != null))));
      const x = (at) => left + Math.max(0, (Date.parse(at) - oldest) / (newest - oldest)) * plotWidth;
      const y = (v) => 6 + plotHeight - (max > 0 ? (v / max) * plotHeight : 0);
      const grid = [0, 0.5, 1].map((f) => {
        const gy = y(max * f);
        return `<line class="gridline" x1="${left}" x2="${left + plotWidth}" y1="${gy}" y2="${gy}"/>`
          + `<text class="axis" x="${left - 6}" y="${gy + 3}" text-anchor="end">${esc(format(max * f))}</text>`;
      }).join('');
      const lines = series.map((s) => {
        const coordinates = points.map((p, i) => (s.values[i] == null ? null : `${x(p.at).toFixed(1)},${y(s.values[i]).toFixed(1)}`)).filter(Boolean);
        if (coordinates.length === 0) return '';
        const first = coordinates[0].split(',')[0];
        const last = coordinates[coordinates.length - 1].split(',')[0];
        const baseline = y(0).toFixed(1);
        const area = series.length === 1 ? `<path class="area ${s.css}" d="M${first},${baseline} L${coordinates.join(' L')} L${last},${baseline} Z"/>` : '';
        return `${area}<polyline class="series ${s.css}" points="${coordinates.join(' ')}"/>`;
      }).join('');
      const axis = `<text class="axis" x="${left}" y="${height - 2}">−${esc(duration((newest - oldest) / 1000))}</text>`
        + `<text class="axis" x="${left + plotWidth}" y="${height - 2}" text-anchor="end">now</text>`;
      svg = `<svg width="${width}" height="${height}" role="img" aria-label="${esc(title)}">${grid}${lines}${axis}</svg>`;
    }

    setHtml(container, `<div class="head"><span class="title">${esc(title)}</span><span class="now">${now}</span></div>${svg}`);
  }

  // 1-2-5 steps, so axis labels are round numbers.
  function niceMax(value) {
    if (value <= 0) return 1;
    const magnitude = 10 ** Math.floor(Math.log10(value));
    for (const step of [1, 2, 2.5, 5, 10]) {
      if (value <= step * magnitude) return step * magnitude;
    }
    return 10 * magnitude;
  }

  function redrawCharts() {
    $$('.chart').forEach((chart) => {
      if (chart.chartArgs) {
        rendered.delete(chart);
        drawChart(chart, ...chart.chartArgs);
      }
    });
  }

  // ------------------------------------------------------------------ API access

  const { token, claims } = OrleansSyncApi.session;

  function tokenRole() {
    const role = claims()?.role;
    return Array.isArray(role) ? role.join(', ') : role || null;
  }

  async function api(path, method = 'GET') {
    const body = await OrleansSyncApi.request(path, { method, onUnauthorized: signOut });
    if (body && typeof body.at === 'string') state.skewMs = Date.parse(body.at) - Date.now();
    return body;
  }

  function forbiddenText(action) {
    return action
      ? `Your token's role may not ${action} (403 Forbidden): that needs the admin role.`
      : 'Your token\'s role may not read the dashboard (403 Forbidden): it needs reader, operator or admin.';
  }

  // ------------------------------------------------------------------ pages

  const pages = {
    overview: { load: loadOverview },
    grains: { load: loadGrains },
    silos: { load: loadSilo },
    reminders: { load: loadReminders },
    streams: { load: loadStreams },
    sync: { load: loadSync },
  };

  async function loadOverview() {
    const overview = await api('/api/dashboard/overview');
    state.data.overview = overview;
    state.historySeconds = Math.max(state.historySeconds, overview.history.length * overview.sampleIntervalSeconds);
    adoptInterval(overview.sampleIntervalSeconds);
    const t = overview.totals;
    setHtml($('#overview-tiles'), [
      tile('silos', 'Silos healthy', `${t.healthySilos} / ${t.silos}`, `${count(t.ownedPartitions)} partitions owned`, t.silos === 0 ? 'bad' : t.healthySilos < t.silos ? 'warn' : 'ok'),
      tile('activations', 'Activations', count(t.activations), 'grains in memory'),
      tile('calls-per-second', 'Calls/s', rate(t.callsPerSecond), `${rate(t.errorsPerSecond)} failing`, t.errorsPerSecond > 0 ? 'warn' : ''),
      tile('calls', 'Grain calls', count(t.calls), `${count(t.errors)} failed, since start`),
      tile('error-rate', 'Error rate', percent(t.errorRate), 'of calls, last interval', level(t.errorRate, 0.01, 0.05)),
      tile('latency-p50', 'Latency p50', bound(t.p50Ms), 'last interval'),
      tile('latency-p99', 'Latency p99', bound(t.p99Ms), 'last interval', level(t.p99Ms, 1000, 5000)),
      tile('events-delivered', 'Events delivered', count(t.eventsDelivered), `${rate(t.eventsPerSecond)} now`),
      tile('pending', 'Events pending', count(t.pendingEvents), `oldest ${duration(t.maxLagSeconds)}`, level(t.maxLagSeconds, 30, 300)),
      tile('dead-letters', 'Dead letters', count(t.deadLetters), 'replay on Streams', t.deadLetters > 0 ? 'bad' : 'ok'),
      tile('failed-attempts', 'Failed attempts', count(t.failedAttempts), `${rate(t.failedAttemptsPerSecond)} now`, t.failedAttemptsPerSecond > 0 ? 'warn' : ''),
      tile('reminders', 'Reminders due', count(t.remindersDue), `${count(t.remindersOverdue)} overdue`, t.remindersOverdue > 0 ? 'warn' : ''),
    ].join(''));

    const h = overview.history;
    drawChart($('#chart-calls'), 'Calls per second', h, [{ label: 'calls/s', values: h.map((p) => p.callsPerSecond), css: 's1' }], rate);
    drawChart($('#chart-errors'), 'Error rate', h, [{ label: 'errors', values: h.map((p) => p.errorRate), css: 's2' }], percent, 0.01);
    drawChart($('#chart-latency'), 'Latency (bucket bound)', h, [
      { label: 'p50', values: h.map((p) => p.p50Ms), css: 's1' },
      { label: 'p99', values: h.map((p) => p.p99Ms), css: 's2' },
    ], ms);
    drawChart($('#chart-activations'), 'Activations', h, [{ label: 'activations', values: h.map((p) => p.activations), css: 's3' }], count);
    drawChart($('#chart-events'), 'Events delivered per second', h, [{ label: 'events/s', values: h.map((p) => p.eventsPerSecond), css: 's1' }], rate);
    drawChart($('#chart-lag'), 'Oldest pending event', h, [{ label: 'lag', values: h.map((p) => p.maxLagSeconds), css: 's2' }], duration);
    renderSilosTable(overview);
  }

  function renderSilosTable(overview) {
    const rows = overview.silos.map((s) => `<tr data-silo-id="${esc(s.siloId)}" data-health="${esc(s.health)}">`
      + `<td>${healthBadge(s.health)}</td>`
      + `<td><a href="#/silos/${esc(s.siloId)}">${esc(s.hostName)}</a></td>`
      + `<td>${esc(s.address)}</td>`
      + `<td class="num ${s.heartbeatAgeSeconds > 10 ? 'warn' : ''}">${esc(ago(s.heartbeatAgeSeconds))}</td>`
      + `<td class="num">${esc(duration(s.uptimeSeconds))}</td>`
      + `<td class="num">${count(s.partitions)}</td>`
      + `<td class="num">${count(s.activations)}</td>`
      + `<td class="num">${cpu(s.cpuPercent)}</td>`
      + `<td class="num">${bytes(s.workingSetBytes)}</td>`
      + `<td class="num">${rate(s.callsPerSecond)}</td>`
      + `<td class="num ${s.errorsPerSecond > 0 ? 'bad' : ''}">${rate(s.errorsPerSecond)}</td></tr>`);
    setHtml($('#silos-table tbody'), rows.join('') || emptyRow(11, 'No silo is registered: is any silo running against this database?'));
  }

  async function loadGrains() {
    const grains = await api('/api/dashboard/grains');
    state.data.grains = grains;
    renderGrains();
  }

  function renderGrains() {
    const grains = state.data.grains;
    if (!grains) return;
    const filter = state.grainFilter.trim().toLowerCase();
    const rows = [];
    for (const type of grains.types) {
      const typeMatches = !filter || type.grainType.toLowerCase().includes(filter);
      const methods = type.methods.filter((m) => typeMatches || m.method.toLowerCase().includes(filter));
      if (!typeMatches && methods.length === 0) continue;
      rows.push(`<tr class="type-row" data-grain-type="${esc(type.grainType)}"><td>${esc(type.grainType)}</td><td class="num">${count(type.activations)}</td>`
        + `<td class="num">${count(type.calls)}</td><td class="num ${type.errors > 0 ? 'bad' : ''}">${count(type.errors)}</td>`
        + `<td class="num">${rate(type.callsPerSecond)}</td><td class="num ${type.errorsPerSecond > 0 ? 'bad' : ''}">${rate(type.errorsPerSecond)}</td>`
        + `<td class="num">${ms(type.meanMs)}</td><td class="num">${bound(type.p50Ms)}</td><td class="num">${bound(type.p99Ms)}</td><td></td></tr>`);
      for (const m of methods) {
        rows.push(`<tr class="method-row"><td>${esc(m.method)}</td><td></td><td class="num">${count(m.calls)}</td>`
          + `<td class="num ${m.errors > 0 ? 'bad' : ''}">${count(m.errors)}</td><td class="num">${rate(m.callsPerSecond)}</td>`
          + `<td class="num ${m.errorsPerSecond > 0 ? 'bad' : ''}">${rate(m.errorsPerSecond)}</td><td class="num">${ms(m.meanMs)}</td>`
          + `<td class="num">${bound(m.p50Ms)}</td><td class="num">${bound(m.p99Ms)}</td><td class="num">${m.recentP99Ms == null ? '—' : bound(m.recentP99Ms)}</td></tr>`);
      }
    }
    setHtml($('#grains-table tbody'), rows.join('') || emptyRow(10, filter ? 'No grain type or method matches the filter.' : 'No grain has been activated or called yet.'));
  }

  async function loadSilo() {
    const overview = await api('/api/dashboard/overview');
    state.data.overview = overview;
    const silos = overview.silos;
    const chosen = silos.find((s) => s.siloId === state.arg)
      || silos.find((s) => s.health === 'healthy')
      || silos[0];
    setHtml($('#silo-picker'), silos.map((s) => `<a href="#/silos/${esc(s.siloId)}" class="${chosen && s.siloId === chosen.siloId ? 'active' : ''}">`
      + `${healthBadge(s.health)} ${esc(s.hostName)} <span class="muted small">${esc(s.address)}</span></a>`).join('')
      || '<span class="muted">No silo is registered.</span>');
    if (!chosen) return;

    const detail = await api(`/api/dashboard/silos/${encodeURIComponent(chosen.siloId)}`);
    const s = detail.silo;
    setHtml($('#silo-tiles'), [
      tile('silo-health', 'Health', s.health, `heartbeat ${ago(s.heartbeatAgeSeconds)}`, s.health === 'healthy' ? 'ok' : s.health === 'dead' ? 'bad' : 'warn'),
      tile('silo-cpu', 'CPU', cpu(s.cpuPercent), `all cores · up ${duration(s.uptimeSeconds)}`, level(s.cpuPercent, 70, 90)),
      tile('silo-memory', 'Working set', bytes(s.workingSetBytes), `GC heap ${bytes(s.gcHeapBytes)}`),
      tile('silo-activations', 'Activations', count(s.activations), `${count(s.partitions)} partitions`),
      tile('silo-calls', 'Calls/s', rate(s.callsPerSecond), `${count(detail.calls)} since start`),
      tile('silo-errors', 'Errors', count(detail.errors), `${rate(s.errorsPerSecond)} now`, detail.errors > 0 ? 'warn' : ''),
      tile('silo-events', 'Events delivered', count(detail.eventsDelivered), `${count(detail.failedAttempts)} failed attempts`),
      tile('silo-reminders', 'Reminders delivered', count(detail.remindersDelivered), `${count(s.remindersDue)} due, ${count(s.remindersOverdue)} overdue`, s.remindersOverdue > 0 ? 'warn' : ''),
    ].join(''));

    const h = detail.history;
    drawChart($('#chart-silo-cpu'), 'CPU', h, [{ label: 'cpu', values: h.map((p) => p.cpuPercent), css: 's1' }], cpu);
    drawChart($('#chart-silo-memory'), 'Memory', h, [
      { label: 'working set', values: h.map((p) => p.workingSetBytes), css: 's1' },
      { label: 'GC heap', values: h.map((p) => p.gcHeapBytes), css: 's2' },
    ], bytes);
    drawChart($('#chart-silo-activations'), 'Activations', h, [{ label: 'activations', values: h.map((p) => p.activations), css: 's3' }], count);
    drawChart($('#chart-silo-calls'), 'Calls per second', h, [{ label: 'calls/s', values: h.map((p) => p.callsPerSecond), css: 's1' }], rate);
    setHtml($('#silo-types tbody'), detail.activationsByType.map((t) => `<tr><td>${esc(t.grainType)}</td><td class="num">${count(t.activations)}</td></tr>`).join('')
      || emptyRow(2, 'No activations on this silo.'));
    setHtml($('#silo-lag tbody'), detail.streamLag.map((p) => `<tr><td class="num">${p.partition}</td>`
      + `<td class="num ${p.lagSeconds > 30 ? 'warn' : ''}">${p.lagSeconds > 0 ? duration(p.lagSeconds) : 'nothing pending'}</td></tr>`).join('')
      || emptyRow(2, 'This silo pulls no partition.'));
  }

  async function loadReminders() {
    const r = state.reminders;
    const limit = $('#reminder-limit').value;
    const cursor = r.cursors[r.index];
    const page = await api(`/api/dashboard/reminders?limit=${encodeURIComponent(limit)}${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`);
    r.next = page.next;
    if (r.index === 0) r.nextDue = page.items[0] || null;
    setHtml($('#reminder-tiles'), [
      tile('reminders-total', 'Reminders', count(page.total), 'durable, all grains'),
      tile('reminders-next', 'Next due', r.nextDue ? relative(r.nextDue.dueAt) : '—', r.nextDue ? `${r.nextDue.grainType} ${r.nextDue.name}` : 'none registered'),
      tile('reminders-due', 'Due now', count(page.due), 'being delivered'),
      tile('reminders-overdue', 'Overdue', count(page.overdue), 'delivery falling behind', page.overdue > 0 ? 'bad' : 'ok'),
    ].join(''));
    setHtml($('#reminders-table tbody'), page.items.map((item) => `<tr>`
      + `<td class="${item.overdue ? 'bad' : item.dueInSeconds <= 0 ? 'warn' : ''}" title="${esc(item.dueAt)}">${item.overdue ? 'overdue, ' : ''}${esc(relative(item.dueAt))}</td>`
      + `<td>${esc(item.grainType)}</td><td>${esc(item.grainKey)}</td><td>${esc(item.name)}</td>`
      + `<td class="num">every ${esc(duration(item.periodSeconds))}</td><td class="num">${item.partition}</td></tr>`).join('')
      || emptyRow(6, r.index > 0 ? 'No more reminders.' : 'No reminder is registered.'));
    $('#reminder-page').textContent = `page ${r.index + 1}`;
    $('[data-reminders="previous"]').disabled = r.index === 0;
    $('[data-reminders="first"]').disabled = r.index === 0;
    $('[data-reminders="next"]').disabled = !r.next;
  }

  async function loadStreams() {
    const d = state.deadLetters;
    const cursor = d.cursors[d.index];
    const query = new URLSearchParams({ limit: '50' });
    if (cursor != null) query.set('after', cursor);
    if (d.namespace) query.set('namespace', d.namespace);
    const [streams, letters] = await Promise.all([api('/api/dashboard/streams'), api(`/api/dashboard/dead-letters?${query}`)]);
    const t = streams.totals;
    setHtml($('#stream-tiles'), [
      tile('stream-pending', 'Pending', count(t.pending), 'waiting for delivery', t.pending > 0 ? 'warn' : 'ok'),
      tile('stream-lag', 'Oldest pending', duration(t.maxLagSeconds), 'lag', level(t.maxLagSeconds, 30, 300)),
      tile('stream-dead-letters', 'Dead letters', count(t.deadLetters), 'failed every attempt', t.deadLetters > 0 ? 'bad' : 'ok'),
      tile('stream-events-per-second', 'Delivered/s', rate(t.eventsPerSecond), `${count(t.eventsDelivered)} since start`),
      tile('stream-processed', 'Processed, last minute', count(t.processedLastMinute), 'all partitions'),
      tile('stream-failed', 'Failed attempts/s', rate(t.failedAttemptsPerSecond), `${count(t.failedAttempts)} since start`, t.failedAttemptsPerSecond > 0 ? 'warn' : ''),
    ].join(''));
    const h = streams.history;
    drawChart($('#chart-stream-events'), 'Events delivered per second', h, [{ label: 'events/s', values: h.map((p) => p.eventsPerSecond), css: 's1' }], rate);
    drawChart($('#chart-stream-lag'), 'Oldest pending event', h, [{ label: 'lag', values: h.map((p) => p.maxLagSeconds), css: 's2' }], duration);

    const partitions = [...streams.partitions].sort((a, b) => b.deadLetters - a.deadLetters || b.lagSeconds - a.lagSeconds || b.pending - a.pending || a.partition - b.partition);
    const shown = partitions.slice(0, 200);
    setHtml($('#partitions-table tbody'), shown.map((p) => `<tr><td class="num">${p.partition}</td>`
      + `<td>${p.ownerHostName ? esc(p.ownerHostName) : '<span class="muted">—</span>'}</td>`
      + `<td class="num">${count(p.pending)}</td><td class="num ${p.lagSeconds > 30 ? 'warn' : ''}">${p.pending > 0 ? duration(p.lagSeconds) : '—'}</td>`
      + `<td class="num ${p.deadLetters > 0 ? 'bad' : ''}">${count(p.deadLetters)}</td><td class="num">${count(p.processedLastMinute)}</td></tr>`).join('')
      + (partitions.length > shown.length ? emptyRow(6, `and ${partitions.length - shown.length} more partitions`) : '')
      || emptyRow(6, 'No partition has anything pending, dead or processed in the last minute.'));

    d.next = letters.next;
    setHtml($('#dead-letters-table tbody'), letters.items.map((l) => `<tr data-dead-letter-id="${l.id}" data-message-id="${esc(l.messageId)}">`
      + `<td class="num">${l.id}</td><td>${esc(l.namespace)}</td><td>${esc(l.key)}</td><td>${esc(l.subscriber)}</td>`
      + `<td class="num">${l.attempts}</td><td class="wrap bad" title="${esc(l.lastError)}">${esc(shorten(l.lastError, 160))}</td>`
      + `<td title="${esc(l.deadAt)}">${esc(relative(l.deadAt))}</td>`
      + `<td class="actions"><button type="button" class="small" data-action="replay" data-id="${l.id}">Replay</button> `
      + `<button type="button" class="small danger" data-action="discard" data-id="${l.id}">Discard</button></td></tr>`).join('')
      || emptyRow(8, d.namespace ? `No dead letter in namespace ${d.namespace}.` : 'No dead letters: every message was delivered or is still being retried.'));
    $('#dead-letter-page').textContent = `page ${d.index + 1}`;
    $('[data-dead-letters="previous"]').disabled = d.index === 0;
    $('[data-dead-letters="first"]').disabled = d.index === 0;
    $('[data-dead-letters="next"]').disabled = d.next == null;
    $('#replay-namespace').hidden = !d.namespace || letters.items.length === 0;
  }

  const shorten = (text, length) => (text && text.length > length ? `${text.slice(0, length)}…` : text || '');

  async function deadLetterAction(action, id, button) {
    if (action === 'discard' && !window.confirm(`Discard dead letter ${id}? It will never be delivered.`)) return;
    button.disabled = true;
    try {
      if (action === 'replay') {
        await api(`/admin/dead-letters/${encodeURIComponent(id)}/replay`, 'POST');
        toast(`Dead letter ${id} replayed: it is being delivered again from attempt 1.`);
      } else {
        await api(`/admin/dead-letters/${encodeURIComponent(id)}`, 'DELETE');
        toast(`Dead letter ${id} discarded.`);
      }
      await refresh();
    } catch (error) {
      button.disabled = false;
      if (error.status === 403) toast(forbiddenText(`${action} a dead letter`), true);
      else if (error.status === 404) {
        toast(`Dead letter ${id} is gone: someone replayed or discarded it already.`, true);
        await refresh();
      } else if (error.status !== 401) toast(`Could not ${action} dead letter ${id}: ${error.message}`, true);
    }
  }

  async function replayNamespace() {
    const ns = state.deadLetters.namespace;
    if (!ns || !window.confirm(`Replay every dead letter of namespace ${ns}?`)) return;
    try {
      const result = await api(`/admin/dead-letters/replay?namespace=${encodeURIComponent(ns)}`, 'POST');
      toast(`${result.replayed} dead letters of ${ns} replayed.`);
      await refresh();
    } catch (error) {
      if (error.status === 403) toast(forbiddenText('replay dead letters'), true);
      else if (error.status !== 401) toast(`Could not replay namespace ${ns}: ${error.message}`, true);
    }
  }

  // ------------------------------------------------------------------ sync page

  async function loadSync(force = false) {
    if (!force && Date.now() - state.syncLoadedAt < SYNC_REFRESH_MS && rendered.has($('#sync-domains'))) return;
    state.syncLoadedAt = Date.now();
    if (!state.openapi) {
      state.openapi = await api(OPENAPI_PATH);
    }

    const operations = readOperations(state.openapi);
    const used = new Set();
    const domains = new Map();
    const panel = (domain) => {
      if (!domains.has(domain)) domains.set(domain, []);
      return domains.get(domain);
    };

    for (const expected of EXPECTED_PANELS) {
      const op = operations.find((o) => !used.has(o) && expected.match(o));
      if (op) used.add(op);
      panel(expected.domain).push({ title: expected.title, op, hint: expected.hint, detail: expected.detail, columns: expected.columns });
    }
    for (const op of operations) {
      if (used.has(op) || !op.readable || op.tags.some((t) => INFRASTRUCTURE_TAGS.has(t))) continue;
      panel(op.tags[0] || 'Other').push({ title: op.summary || op.path, op });
    }

    await Promise.all([...domains.values()].flat().filter((p) => p.op && p.op.readable).map(async (p) => {
      try {
        p.data = await api(p.op.path);
        const detail = p.detail && p.detail(p.data);
        // Only where the API documents the item endpoint ({path}/{id}) beside the list.
        if (detail && operations.some((o) => o.path.startsWith(`${p.op.path}/{`) && !o.path.slice(p.op.path.length + 1).includes('/'))) {
          p.detailView = { title: detail.title, data: detail.pick(await api(`${p.op.path}/${encodeURIComponent(detail.id)}`)) };
        }
      } catch (error) {
        p.error = error;
      }
    }));

    const html = [...domains.entries()].map(([domain, panels]) => `<section class="domain" data-domain="${esc(domain)}"><h3>${esc(domain)}</h3><div class="panels">`
      + panels.map(renderPanel).join('') + '</div></section>').join('');
    setHtml($('#sync-domains'), html || '<p class="muted">The API documents no domain read endpoints yet.</p>');
  }

  // GET operations of the OpenAPI document; "readable" ones need no parameter, so the page can call them as they are.
  function readOperations(document) {
    const operations = [];
    for (const [path, item] of Object.entries(document.paths || {})) {
      const get = item.get;
      if (!get) continue;
      const parameters = [...(item.parameters || []), ...(get.parameters || [])];
      const readable = !path.includes('{') && !parameters.some((p) => p.required);
      // The gateway's document says each operation's policy in its description ("Policy: read.").
      const policy = (/Policy: ([a-z, ]+)\./.exec(get.description || '') || [])[1] || null;
      operations.push({ path, summary: get.summary, tags: get.tags || [], readable, policy });
    }
    return operations;
  }

  function renderPanel(p) {
    if (!p.op) {
      return `<div class="panel unavailable" data-panel="${esc(p.title)}" data-available="false"><h4>${esc(p.title)}</h4>`
        + `<div class="endpoint">${esc(p.hint)}</div><p class="state">Not available: this server's API does not document this endpoint yet.</p></div>`;
    }
    const head = `<h4>${esc(p.title)}</h4><div class="endpoint">GET ${esc(p.op.path)}</div>`;
    if (p.error) {
      const text = p.error.status === 403
        ? `Your token (role ${tokenRole() || 'none'}) may not read this (403 Forbidden)${p.op.policy ? `: it needs the ${p.op.policy} policy` : ''}.`
        : `Could not read it: ${p.error.message}`;
      return `<div class="panel" data-panel="${esc(p.title)}" data-available="true">${head}<p class="state bad">${esc(text)}</p></div>`;
    }
    const detail = p.detailView ? `<h4 class="detail">${esc(p.detailView.title)}</h4>${renderValue(p.detailView.data, 'mismatches', 0)}` : '';
    const wide = Array.isArray(p.data) && p.data.length > 0 ? ' wide' : '';
    return `<div class="panel${wide}" data-panel="${esc(p.title)}" data-available="true">${head}${renderValue(p.data, '', 0, p.columns)}${detail}</div>`;
  }

  const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
  const ALARMING = /(fail|dead|error|mismatch|stale|overdue|conflict)/i;
  const ALARMING_VALUE = /^(failed|failing|error|dead|cancelled|stale)$/i;

  function label(key) {
    return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
  }

  function scalar(value, key = '') {
    if (value == null) return '<span class="muted">—</span>';
    if (typeof value === 'boolean') return value ? 'yes' : 'no';
    if (typeof value === 'number') {
      if (/seconds$/i.test(key)) return esc(duration(value));
      if (/ms$/i.test(key)) return esc(ms(value));
      if (/bytes$/i.test(key)) return esc(bytes(value));
      return esc(Number.isInteger(value) ? count(value) : precise.format(value));
    }
    const text = String(value);
    // Ids stay as they are, even when they look like dates (a migration is named by its start time).
    if (!/id$/i.test(key) && ISO_DATE.test(text) && !Number.isNaN(Date.parse(text))) return `<span title="${esc(text)}">${esc(relative(text))}</span>`;
    return esc(shorten(text, 200));
  }

  function alarming(key, value) {
    if (typeof value === 'string') return ALARMING_VALUE.test(value);
    if (!ALARMING.test(key)) return false;
    if (typeof value === 'number') return value > 0;
    if (Array.isArray(value)) return value.length > 0;
    return false;
  }

  // Migration runs: records done out of the estimate (unknown until the run has counted its source).
  function progress(item) {
    if (!item || typeof item !== 'object' || item.recordsMigrated == null || !('estimatedRecordCount' in item)) return '';
    const done = (item.recordsMigrated || 0) + (item.recordsSkipped || 0) + (item.recordsFailed || 0);
    if (item.estimatedRecordCount == null) return `${esc(count(done))} done, total not known yet`;
    const fraction = item.estimatedRecordCount > 0 ? Math.min(1, done / item.estimatedRecordCount) : 1;
    return `<svg class="progress" width="120" height="8" role="img" aria-label="${esc(percent(fraction))}"><rect class="track" width="120" height="8" rx="4"/>`
      + `<rect class="fill" width="${(120 * fraction).toFixed(1)}" height="8" rx="4"/></svg>${esc(percent(fraction))}`;
  }

  function renderValue(value, key, depth, columns) {
    if (Array.isArray(value)) {
      if (value.length === 0) return '<span class="muted">none</span>';
      if (value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) return renderTable(value, depth, columns);
      return esc(value.slice(0, 20).map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')) + (value.length > 20 ? ` … (${value.length})` : '');
    }
    if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      if (entries.length === 0) return '<span class="muted">none</span>';
      if (entries.every(([, v]) => typeof v === 'number')) {
        return `<div class="chips">${entries.map(([k, v]) => `<span class="chip ${alarming(k, v) ? 'bad' : ''}">${esc(k)} <b>${esc(count(v))}</b></span>`).join('')}</div>`;
      }
      if (depth >= 2) return `<code>${esc(shorten(JSON.stringify(value), 200))}</code>`;
      const bar = progress(value);
      return `<table class="kv">${bar ? `<tr><th>Progress</th><td>${bar}</td></tr>` : ''}${entries.map(([k, v]) => `<tr><th>${esc(label(k))}</th>`
        + `<td class="${alarming(k, v) ? 'bad' : ''}">${renderValue(v, k, depth + 1)}</td></tr>`).join('')}</table>`;
    }
    return scalar(value, key);
  }

  // Preferred columns first (those the panel names), then scalar ones, nested ones last; ten at most.
  function renderTable(items, depth, preferred = []) {
    const shown = items.slice(0, 50);
    const keys = [...new Set(shown.flatMap((item) => Object.keys(item)))];
    const nested = (k) => shown.some((item) => item[k] && typeof item[k] === 'object');
    const columns = [
      ...preferred.filter((k) => keys.includes(k)),
      ...keys.filter((k) => !preferred.includes(k) && !nested(k)),
      ...keys.filter((k) => !preferred.includes(k) && nested(k)),
    ].slice(0, preferred.length ? Math.max(preferred.length, 6) : 10);
    const withProgress = shown.some((item) => progress(item));
    const head = `<tr>${withProgress ? '<th>Progress</th>' : ''}${columns.map((c) => `<th>${esc(label(c))}</th>`).join('')}</tr>`;
    const rows = shown.map((item) => `<tr>${withProgress ? `<td>${progress(item)}</td>` : ''}${columns.map((c) => {
      const v = item[c];
      const cell = v && typeof v === 'object' ? (depth >= 1 ? `<code>${esc(shorten(JSON.stringify(v), 120))}</code>` : renderValue(v, c, depth + 2)) : scalar(v, c);
      const long = typeof v === 'string' && v.length > 40 ? 'wrap' : '';
      return `<td class="${alarming(c, v) ? 'bad' : ''} ${long}">${cell}</td>`;
    }).join('')}</tr>`).join('');
    const more = items.length > shown.length ? `<p class="muted small">and ${items.length - shown.length} more</p>` : '';
    return `<div class="table-wrap"><table class="grid">${head}${rows}</table></div>${more}`;
  }

  // ------------------------------------------------------------------ shell: routing, refresh, sign-in

  function route() {
    const [, page = 'overview', arg = null] = (location.hash || '#/overview').split('/');
    state.page = pages[page] ? page : 'overview';
    state.arg = arg ? decodeURIComponent(arg) : null;
    $$('#nav a').forEach((a) => a.classList.toggle('active', a.dataset.page === state.page));
    showPage();
    refresh();
  }

  function showPage() {
    const signedIn = Boolean(token());
    $('#login').hidden = signedIn;
    $('#sign-out').hidden = !signedIn;
    $('#pause').hidden = !signedIn;
    const who = claims();
    $('#who').textContent = signedIn && who ? `${who.sub || 'unknown'} · ${tokenRole() || 'no role'}` : '';
    $$('.page').forEach((section) => { section.hidden = !signedIn || section.id !== `page-${state.page}`; });
    if (signedIn) requestAnimationFrame(redrawCharts);
  }

  function adoptInterval(seconds) {
    const wanted = Math.min(MAX_REFRESH_MS, Math.max(MIN_REFRESH_MS, seconds * 1000));
    if (wanted !== state.refreshMs) {
      state.refreshMs = wanted;
      schedule();
    }
  }

  function schedule() {
    clearInterval(state.timer);
    state.timer = setInterval(() => {
      if (!document.hidden && !state.paused) refresh();
    }, state.refreshMs);
  }

  async function refresh() {
    if (!token() || state.loading) return;
    state.loading = true;
    try {
      await pages[state.page].load();
      setLive('ok', `Live · updated ${timeOfDay(new Date(Date.now() + state.skewMs).toISOString())}`);
      hideBanner();
    } catch (error) {
      if (error.status === 401) return;
      if (error.status === 403) showBanner(forbiddenText(), true);
      else showBanner(`Refresh failed: ${error.message}. Retrying every ${duration(state.refreshMs / 1000)}.`, false);
      setLive('error', `Error · ${timeOfDay(new Date().toISOString())}`);
    } finally {
      state.loading = false;
    }
  }

  function setLive(kind, text) {
    const live = $('#live');
    live.className = `live ${state.paused ? 'paused' : kind}`;
    $('#live-text').textContent = state.paused ? 'Paused' : text;
  }

  function showBanner(text, bad) {
    const banner = $('#banner');
    banner.textContent = text;
    banner.className = `banner ${bad ? 'bad' : ''}`;
    banner.hidden = false;
  }

  function hideBanner() {
    $('#banner').hidden = true;
  }

  function toast(text, bad = false) {
    const element = document.createElement('div');
    element.className = `toast ${bad ? 'bad' : ''}`;
    element.setAttribute('role', bad ? 'alert' : 'status');
    element.dataset.testid = 'toast';
    element.textContent = text;
    $('#toasts').appendChild(element);
    setTimeout(() => element.remove(), bad ? 9000 : 5000);
  }

  function signOut(message) {
    OrleansSyncApi.session.signOut();
    state.openapi = null;
    rendered.forEach((_, element) => { element.innerHTML = ''; });
    rendered.clear();
    $$('.chart').forEach((chart) => { chart.chartArgs = null; });
    $('#login-message').textContent = message || '';
    setLive('', 'Not signed in');
    hideBanner();
    showPage();
  }

  function wire() {
    $('#login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      if (!OrleansSyncApi.session.signIn($('#token-input').value)) return;
      $('#token-input').value = '';
      $('#login-message').textContent = '';
      showPage();
      refresh();
    });
    $('#sign-out').addEventListener('click', () => signOut('Signed out.'));
    $('#pause').addEventListener('click', () => {
      state.paused = !state.paused;
      $('#pause').textContent = state.paused ? 'Resume' : 'Pause';
      setLive('ok', 'Live');
      if (!state.paused) refresh();
    });
    $('#grain-filter').addEventListener('input', (event) => {
      state.grainFilter = event.target.value;
      renderGrains();
    });
    $('#reminder-limit').addEventListener('change', () => {
      state.reminders = { cursors: [null], index: 0, next: null };
      refresh();
    });
    document.addEventListener('click', (event) => {
      const button = event.target.closest('button');
      if (!button) return;
      if (button.dataset.action) {
        deadLetterAction(button.dataset.action, button.dataset.id, button);
      } else if (button.dataset.reminders) {
        page(state.reminders, button.dataset.reminders);
      } else if (button.dataset.deadLetters) {
        page(state.deadLetters, button.dataset.deadLetters);
      }
    });
    $('#dead-letter-filter').addEventListener('submit', (event) => {
      event.preventDefault();
      state.deadLetters = { cursors: [null], index: 0, next: null, namespace: $('#dead-letter-namespace').value.trim() };
      refresh();
    });
    $('#replay-namespace').addEventListener('click', replayNamespace);
    $('#sync-refresh').addEventListener('click', async () => {
      state.openapi = null;
      state.syncLoadedAt = 0;
      await refresh();
    });
    window.addEventListener('hashchange', route);
    let resizing;
    window.addEventListener('resize', () => {
      clearTimeout(resizing);
      resizing = setTimeout(redrawCharts, 150);
    });
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) refresh();
    });
  }

  // Keyset paging: the cursors of the pages seen so far, so "Previous" goes back without offsets.
  function page(pager, direction) {
    if (direction === 'first') {
      pager.index = 0;
    } else if (direction === 'previous' && pager.index > 0) {
      pager.index -= 1;
    } else if (direction === 'next' && pager.next != null) {
      pager.cursors[pager.index + 1] = pager.next;
      pager.cursors.length = pager.index + 2;
      pager.index += 1;
    }
    refresh();
  }

  wire();
  schedule();
  route();
})();
