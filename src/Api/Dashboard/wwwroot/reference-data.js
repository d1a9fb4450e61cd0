// OrleansSync incentive reference data screens: plain JavaScript, no framework, no build step, nothing
// from a CDN. Views the global incentive levels, the other privileges and the levels of one prison (with
// each level's other privileges) through the API's own endpoints (/incentive/levels...,
// /incentive/other-privileges..., /incentive/prison-levels/...), with the dashboard's token, and offers
// the edit controls only to the roles the API lets write (incentive-levels-rw, admin). The API decides:
// a refused change is shown with the API's own message next to the form it came from.
'use strict';

(() => {
  // The roles of ApiPolicies.ReferenceDataWrite. Only decides which controls are drawn; the API refuses a reader's write anyway.
  const EDITOR_ROLES = ['incentive-levels-rw', 'admin'];

  const DEFAULT_PRISON = 'MDI';
  const PRISON_ID = /^[A-Z0-9]{2,6}$/;
  const LEVEL_CODE = /^[A-Z0-9]{1,6}$/;
  const PRIVILEGE_CODE = /^[A-Z0-9_]{1,12}$/;
  const POUNDS = /^\d{1,7}(\.\d{1,2})?$/;
  const WHOLE = /^\d{1,4}$/;

  // The prison level's amounts as the API names them, with the labels the page shows.
  const MONEY_FIELDS = [
    { field: 'remandTransferLimitInPence', label: 'Remand transfer limit' },
    { field: 'remandSpendLimitInPence', label: 'Remand spend limit' },
    { field: 'convictedTransferLimitInPence', label: 'Convicted transfer limit' },
    { field: 'convictedSpendLimitInPence', label: 'Convicted spend limit' },
  ];
  const VISIT_FIELDS = [
    { field: 'visitOrders', label: 'VO', title: 'Visit orders' },
    { field: 'privilegedVisitOrders', label: 'PVO', title: 'Privileged visit orders' },
  ];

  const state = {
    levels: [],
    prisonId: null,
    prisonLevels: [],
    privileges: [],
    // Level code → that level's other privileges in the chosen prison.
    prisonPrivileges: {},
    renaming: null,
    renamingPrivilege: null,
    editing: null,
    assigning: null,
    busy: false,
  };

  const $ = (selector, root = document) => root.querySelector(selector);

  function esc(value) {
    return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
  const pounds = (pence) => (pence == null ? '—' : money.format(pence / 100));
  const poundsInput = (pence) => (pence == null ? '' : (pence / 100).toFixed(2));

  // ------------------------------------------------------------------ token and role

  // One sign-in (api-client.js) serves both pages in this tab.
  const { token, claims } = OrleansSyncApi.session;

  function roles() {
    const role = claims()?.role;
    if (Array.isArray(role)) return role;
    return role ? [role] : [];
  }

  const canEdit = () => roles().some((r) => EDITOR_ROLES.includes(r));

  // ------------------------------------------------------------------ API access

  const api = (path, method = 'GET', body = undefined) =>
    OrleansSyncApi.request(path, { method, body, onUnauthorized: signOut });

  // What a refused request tells the user: a broken rule's userMessage (and its code), each invalid field, or why not allowed.
  function problemText(error) {
    const problem = error.problem || {};
    if (error.status === 403) return 'Your token\'s role may not change the reference data (403 Forbidden): that needs incentive-levels-rw or admin.';
    if (problem.userMessage) return problem.errorCode != null ? `${problem.userMessage} (error ${problem.errorCode})` : problem.userMessage;
    if (problem.errors && typeof problem.errors === 'object') {
      return Object.entries(problem.errors).map(([field, reasons]) => `${field}: ${[].concat(reasons).join(' ')}`).join('; ');
    }
    return error.message;
  }

  // ------------------------------------------------------------------ global levels

  async function loadLevels() {
    state.levels = await api('/incentive/levels?with-inactive=true');
    renderLevels();
  }

  function renderLevels() {
    const editor = canEdit();
    $('#levels-table thead').innerHTML = '<tr><th class="num">Order</th><th>Code</th><th>Name</th><th>Status</th><th>Required</th>'
      + `${editor ? '<th class="actions">Change</th>' : ''}</tr>`;
    const last = state.levels.length - 1;
    const rows = state.levels.map((level, i) => `<tr data-level="${esc(level.code)}" class="${level.active ? '' : 'inactive'}">`
      + `<td class="num">${i + 1}</td><td><code>${esc(level.code)}</code></td><td>${esc(level.name)}</td>`
      + `<td>${level.active ? '<span class="status active">Active</span>' : '<span class="status inactive">Inactive</span>'}</td>`
      + `<td>${level.required ? 'Required' : ''}</td>`
      + (editor
        ? '<td class="actions">'
          + `<button type="button" class="quiet small" data-action="level-up" data-code="${esc(level.code)}" ${i === 0 ? 'disabled' : ''} aria-label="Move ${esc(level.code)} up">Up</button> `
          + `<button type="button" class="quiet small" data-action="level-down" data-code="${esc(level.code)}" ${i === last ? 'disabled' : ''} aria-label="Move ${esc(level.code)} down">Down</button> `
          + `<button type="button" class="quiet small" data-action="level-rename" data-code="${esc(level.code)}">Rename</button> `
          + (level.active
            ? `<button type="button" class="danger small" data-action="level-deactivate" data-code="${esc(level.code)}">Deactivate</button>`
            : `<button type="button" class="quiet small" data-action="level-activate" data-code="${esc(level.code)}">Activate</button>`)
          + '</td>'
        : '')
      + '</tr>');
    $('#levels-table tbody').innerHTML = rows.join('') || `<tr><td class="empty" colspan="${editor ? 6 : 5}">No incentive level.</td></tr>`;
  }

  // Re-renders an editor's container without losing what the user is typing in any of its forms: the reload after the
  // user's previous change (or someone else's) redraws the editors while the user may be half-way through one, such as a
  // rename opened before that reload ended. A value is kept only by the same form for the same code, so opening the
  // rename of another level starts from that level's own name.
  function keepingTypedValues(container, render) {
    const key = (form, input) => `${form.id}|${form.dataset.code || ''}|${input.id}`;
    const inputs = () => [...container.querySelectorAll('form input')].map((input) => [key(input.form, input), input]);
    const typed = new Map(inputs().map(([k, input]) => [k, { value: input.value, checked: input.checked }]));
    const active = document.activeElement && container.contains(document.activeElement) ? document.activeElement : null;
    // The caret and selection too: a redrawn input given the value it already shows keeps its caret at the start, so
    // what the user typed next, after a reload had redrawn the form, went in front of the name ("Screens renamedScreens").
    const selection = typeof active?.selectionStart === 'number' ? [active.selectionStart, active.selectionEnd, active.selectionDirection] : null;
    render();
    for (const [k, input] of inputs()) {
      const was = typed.get(k);
      if (!was) continue;
      if (input.type === 'checkbox') input.checked = was.checked;
      else input.value = was.value;
    }

    const refocused = active?.id ? document.getElementById(active.id) : null;
    refocused?.focus();
    if (refocused && selection && typeof refocused.selectionStart === 'number') refocused.setSelectionRange(...selection);
  }

  function renderLevelEditor() {
    const container = $('#level-editor');
    if (!canEdit()) {
      container.innerHTML = '';
      return;
    }

    const renaming = state.levels.find((l) => l.code === state.renaming);
    keepingTypedValues(container, () => { container.innerHTML = '<div class="editor card">'
      + (renaming
        ? `<form id="rename-form" class="editor-form" autocomplete="off" data-code="${esc(renaming.code)}">`
          + `<h3>Rename ${esc(renaming.code)}</h3>`
          + `<label>Name <input id="rename-name" name="name" maxlength="30" required value="${esc(renaming.name)}"></label>`
          + '<button type="submit" id="rename-save">Save name</button> <button type="button" class="quiet" data-action="rename-cancel">Cancel</button>'
          + '</form>'
        : '')
      + '<form id="create-level-form" class="editor-form" autocomplete="off">'
      + '<h3>Create a level</h3>'
      + '<label>Code <input id="new-level-code" name="code" size="7" maxlength="6" spellcheck="false" placeholder="EN4" required></label>'
      + '<label>Name <input id="new-level-name" name="name" maxlength="30" placeholder="Enhanced 4" required></label>'
      + '<label class="check"><input id="new-level-required" name="required" type="checkbox"> Required in every prison</label>'
      + '<button type="submit" id="create-level-save">Create level</button>'
      + '<span class="muted small">It joins the end of the order, active.</span>'
      + '</form>'
      + '<p id="level-error" class="message" role="alert" data-testid="level-error"></p>'
      + '</div>'; });
  }

  // Every code, in the wanted order: the API's reorder needs the full set.
  async function moveLevel(code, step) {
    const codes = state.levels.map((l) => l.code);
    const from = codes.indexOf(code);
    const to = from + step;
    if (from < 0 || to < 0 || to >= codes.length) return;
    [codes[from], codes[to]] = [codes[to], codes[from]];
    await change($('#level-error'), () => api('/incentive/level-order', 'PATCH', codes), `${code} moved ${step < 0 ? 'up' : 'down'}.`);
  }

  // ------------------------------------------------------------------ other privileges

  async function loadPrivileges() {
    state.privileges = await api('/incentive/other-privileges?with-inactive=true');
    renderPrivileges();
  }

  function renderPrivileges() {
    const editor = canEdit();
    $('#privileges-table thead').innerHTML = '<tr><th class="num">Sequence</th><th>Code</th><th>Description</th><th>Status</th>'
      + `${editor ? '<th class="actions">Change</th>' : ''}</tr>`;
    const rows = state.privileges.map((privilege) => `<tr data-privilege="${esc(privilege.code)}" class="${privilege.active ? '' : 'inactive'}">`
      + `<td class="num">${esc(privilege.sequence)}</td><td><code>${esc(privilege.code)}</code></td><td>${esc(privilege.description)}</td>`
      + `<td>${privilege.active ? '<span class="status active">Active</span>' : '<span class="status inactive">Inactive</span>'}</td>`
      + (editor
        ? '<td class="actions">'
          + `<button type="button" class="quiet small" data-action="privilege-rename" data-code="${esc(privilege.code)}">Rename</button> `
          + (privilege.active
            ? `<button type="button" class="danger small" data-action="privilege-deactivate" data-code="${esc(privilege.code)}">Deactivate</button>`
            : `<button type="button" class="quiet small" data-action="privilege-activate" data-code="${esc(privilege.code)}">Activate</button>`)
          + '</td>'
        : '')
      + '</tr>');
    $('#privileges-table tbody').innerHTML = rows.join('') || `<tr><td class="empty" colspan="${editor ? 5 : 4}">No other privilege.</td></tr>`;
  }

  function renderPrivilegeEditor() {
    const container = $('#privilege-editor');
    if (!canEdit()) {
      container.innerHTML = '';
      return;
    }

    const renaming = state.privileges.find((p) => p.code === state.renamingPrivilege);
    keepingTypedValues(container, () => { container.innerHTML = '<div class="editor card">'
      + (renaming
        ? `<form id="privilege-rename-form" class="editor-form" autocomplete="off" data-code="${esc(renaming.code)}">`
          + `<h3>Rename ${esc(renaming.code)}</h3>`
          + `<label>Description <input id="privilege-rename-description" name="description" maxlength="40" required value="${esc(renaming.description)}"></label>`
          + '<button type="submit" id="privilege-rename-save">Save description</button> <button type="button" class="quiet" data-action="privilege-rename-cancel">Cancel</button>'
          + '</form>'
        : '')
      + '<form id="create-privilege-form" class="editor-form" autocomplete="off">'
      + '<h3>Create an other privilege</h3>'
      + '<label>Code <input id="new-privilege-code" name="code" size="13" maxlength="12" spellcheck="false" placeholder="TV_IN_CELL" required></label>'
      + '<label>Description <input id="new-privilege-description" name="description" maxlength="40" placeholder="In-cell television" required></label>'
      + '<button type="submit" id="create-privilege-save">Create privilege</button>'
      + '<span class="muted small">It joins the end of the order, active; give it to a prison\'s levels below.</span>'
      + '</form>'
      + '<p id="privilege-error" class="message" role="alert" data-testid="privilege-error"></p>'
      + '</div>'; });
  }

  // A level's privileges in the chosen prison, as names the user can read (an inactive one marked so).
  function privilegeList(levelCode) {
    const privileges = state.prisonPrivileges[levelCode] || [];
    if (!privileges.length) return '<span class="muted">None</span>';
    return privileges.map((p) => `<span class="privilege ${p.active ? '' : 'inactive'}" data-privilege="${esc(p.code)}" title="${esc(p.description)}${p.active ? '' : ' (inactive)'}"><code>${esc(p.code)}</code></span>`).join('');
  }

  // Checkboxes of the active privileges, plus any inactive one the level still has (unchecking it removes it for good).
  function renderPrisonPrivilegesEditor() {
    const container = $('#prison-privileges-editor');
    const level = state.prisonLevels.find((l) => l.levelCode === state.assigning);
    if (!canEdit() || !state.prisonId || !level) {
      container.innerHTML = '';
      return;
    }

    const assigned = new Set((state.prisonPrivileges[level.levelCode] || []).map((p) => p.code));
    const choices = state.privileges.filter((p) => p.active || assigned.has(p.code));
    container.innerHTML = '<div class="editor card">'
      + `<form id="prison-privileges-form" class="editor-form" autocomplete="off" data-code="${esc(level.levelCode)}">`
      + `<h3>Other privileges of ${esc(level.levelName)} (${esc(level.levelCode)}) at ${esc(state.prisonId)}</h3>`
      + (choices.length
        ? choices.map((p) => `<label class="check"><input id="pp-${esc(p.code)}" name="privilege" type="checkbox" value="${esc(p.code)}" ${assigned.has(p.code) ? 'checked' : ''}> `
          + `${esc(p.description)} (<code>${esc(p.code)}</code>)${p.active ? '' : ' — inactive, cannot be given again'}</label>`).join('')
        : '<span class="muted small">No active other privilege: create one above.</span>')
      + '<button type="submit" id="prison-privileges-save">Save privileges</button> <button type="button" class="quiet" data-action="prison-privileges-cancel">Cancel</button>'
      + '</form>'
      + '<p id="prison-privileges-error" class="message" role="alert" data-testid="prison-privileges-error"></p>'
      + '</div>';
  }

  // ------------------------------------------------------------------ prison levels

  async function loadPrisonLevels() {
    const message = $('#prison-message');
    if (!state.prisonId) {
      state.prisonLevels = [];
      message.textContent = 'Choose a prison.';
      renderPrisonLevels();
      return;
    }

    try {
      state.prisonLevels = await api(`/incentive/prison-levels/${encodeURIComponent(state.prisonId)}?with-inactive=true`);
      message.textContent = '';
    } catch (error) {
      if (error.status === 401) return;
      state.prisonLevels = [];
      message.textContent = `The levels of ${state.prisonId} could not be read: ${problemText(error)}`;
    }

    await loadPrisonPrivileges();
    renderPrisonLevels();
  }

  // One read per level: the API answers a level's set, and a prison has a handful of levels.
  async function loadPrisonPrivileges() {
    const prisonId = state.prisonId;
    try {
      const sets = await Promise.all(state.prisonLevels.map((l) => api(
        `/incentive/prison-levels/${encodeURIComponent(prisonId)}/level/${encodeURIComponent(l.levelCode)}/other-privileges`)));
      state.prisonPrivileges = Object.fromEntries(sets.map((set) => [set.levelCode, set.privileges]));
    } catch (error) {
      state.prisonPrivileges = {};
      if (error.status !== 401) $('#prison-message').textContent = `The other privileges of ${prisonId}'s levels could not be read: ${problemText(error)}`;
    }
  }

  function renderPrisonLevels() {
    const editor = canEdit();
    const head = '<tr><th>Code</th><th>Level</th><th>Status</th><th>Default on admission</th>'
      + MONEY_FIELDS.map((f) => `<th class="num">${esc(f.label)}</th>`).join('')
      + VISIT_FIELDS.map((f) => `<th class="num" title="${esc(f.title)}">${esc(f.label)}</th>`).join('')
      + '<th>Other privileges</th>'
      + `${editor ? '<th class="actions">Change</th>' : ''}</tr>`;
    $('#prison-levels-table thead').innerHTML = head;
    const rows = state.prisonLevels.map((level) => `<tr data-level="${esc(level.levelCode)}" class="${level.active ? '' : 'inactive'}">`
      + `<td><code>${esc(level.levelCode)}</code></td><td>${esc(level.levelName)}</td>`
      + `<td>${level.active ? '<span class="status active">Active</span>' : '<span class="status inactive">Inactive</span>'}</td>`
      + `<td data-testid="default-on-admission">${level.defaultOnAdmission ? '<span class="status default">Default</span>' : ''}</td>`
      + MONEY_FIELDS.map((f) => `<td class="num" data-field="${f.field}">${esc(pounds(level[f.field]))}</td>`).join('')
      + VISIT_FIELDS.map((f) => `<td class="num" data-field="${f.field}">${esc(level[f.field])}</td>`).join('')
      + `<td data-testid="other-privileges">${privilegeList(level.levelCode)}</td>`
      + (editor
        ? `<td class="actions"><button type="button" class="quiet small" data-action="prison-level-edit" data-code="${esc(level.levelCode)}">Edit</button> `
          + `<button type="button" class="quiet small" data-action="prison-privileges-edit" data-code="${esc(level.levelCode)}">Privileges</button></td>`
        : '')
      + '</tr>');
    const columns = 5 + MONEY_FIELDS.length + VISIT_FIELDS.length + (editor ? 1 : 0);
    $('#prison-levels-table tbody').innerHTML = rows.join('') || `<tr><td class="empty" colspan="${columns}">No levels to show.</td></tr>`;
  }

  function renderPrisonLevelEditor() {
    const container = $('#prison-level-editor');
    if (!canEdit() || !state.prisonId) {
      container.innerHTML = '';
      return;
    }

    const level = state.prisonLevels.find((l) => l.levelCode === state.editing);
    const form = level
      ? `<form id="prison-level-form" class="editor-form prison-level-form" autocomplete="off" data-code="${esc(level.levelCode)}">`
        + `<h3>${esc(level.levelName)} (${esc(level.levelCode)}) at ${esc(state.prisonId)}</h3>`
        + MONEY_FIELDS.map((f) => `<label>${esc(f.label)} (£) <input id="pl-${f.field}" name="${f.field}" data-label="${esc(f.label)}" inputmode="decimal" size="9" value="${esc(poundsInput(level[f.field]))}" required></label>`).join('')
        + VISIT_FIELDS.map((f) => `<label title="${esc(f.title)}">${esc(f.label)} <input id="pl-${f.field}" name="${f.field}" data-label="${esc(f.label)}" inputmode="numeric" size="4" value="${esc(level[f.field])}" required></label>`).join('')
        + `<label class="check"><input id="pl-active" name="active" type="checkbox" ${level.active ? 'checked' : ''}> Active</label>`
        + `<label class="check"><input id="pl-defaultOnAdmission" name="defaultOnAdmission" type="checkbox" ${level.defaultOnAdmission ? 'checked' : ''}> Default on admission</label>`
        + '<button type="submit" id="prison-level-save">Save</button> <button type="button" class="quiet" data-action="prison-level-cancel">Cancel</button>'
        + '</form>'
      : '<p class="muted small">Choose a level\'s Edit to change its spend limits, visit allowances, default on admission or whether it is active.</p>';
    container.innerHTML = '<div class="editor card">'
      + form
      + '<p id="prison-level-error" class="message" role="alert" data-testid="prison-level-error"></p>'
      + `<div class="editor-form"><button type="button" class="quiet" data-action="prison-reset" id="prison-reset">Reset ${esc(state.prisonId)}</button>`
      + '<span class="muted small">Makes every required level active here and Standard the default on admission; other levels keep their values.</span></div>'
      + '</div>';
  }

  // The form's values in the API's units (pence), or the first field that is not a valid amount, named as the page shows it.
  function prisonLevelBody(form) {
    const body = {};
    for (const f of MONEY_FIELDS) {
      const input = $(`[name=${f.field}]`, form);
      const text = input.value.trim().replace(/^£/, '');
      if (!POUNDS.test(text)) return { error: `${f.label}: must be an amount in pounds such as 60.50, not negative.`, input };
      body[f.field] = Math.round(Number(text) * 100);
    }

    for (const f of VISIT_FIELDS) {
      const input = $(`[name=${f.field}]`, form);
      const text = input.value.trim();
      if (!WHOLE.test(text)) return { error: `${f.label} (${f.title.toLowerCase()}): must be a whole number, not negative.`, input };
      body[f.field] = Number(text);
    }

    body.active = $('[name=active]', form).checked;
    body.defaultOnAdmission = $('[name=defaultOnAdmission]', form).checked;
    return { body };
  }

  // ------------------------------------------------------------------ changes

  // Runs one write; on success reloads what it may have changed (a default moved, a required level activated), on refusal
  // leaves the form as the user typed it and shows the API's message in the form's own message line.
  async function change(errorLine, write, done) {
    if (state.busy) return false;
    state.busy = true;
    if (errorLine) errorLine.textContent = '';
    try {
      await write();
    } catch (error) {
      if (error.status !== 401 && errorLine) errorLine.textContent = problemText(error);
      return false;
    } finally {
      state.busy = false;
    }

    // The toast comes once the page shows the change, not before.
    await reload();
    toast(done);
    return true;
  }

  async function onClick(event) {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    const code = button.dataset.code;
    switch (button.dataset.action) {
      case 'level-up':
        await moveLevel(code, -1);
        break;
      case 'level-down':
        await moveLevel(code, 1);
        break;
      case 'level-rename':
        state.renaming = code;
        renderLevelEditor();
        $('#rename-name').focus();
        break;
      case 'rename-cancel':
        state.renaming = null;
        renderLevelEditor();
        break;
      case 'level-deactivate':
        await change($('#level-error'), () => api(`/incentive/levels/${encodeURIComponent(code)}`, 'DELETE'), `${code} deactivated.`);
        break;
      case 'level-activate':
        await change($('#level-error'), () => api(`/incentive/levels/${encodeURIComponent(code)}`, 'PATCH', { active: true }), `${code} activated.`);
        break;
      case 'prison-level-edit':
        state.editing = code;
        renderPrisonLevelEditor();
        $('#prison-level-form input').focus();
        break;
      case 'prison-level-cancel':
        state.editing = null;
        renderPrisonLevelEditor();
        break;
      case 'privilege-rename':
        state.renamingPrivilege = code;
        renderPrivilegeEditor();
        $('#privilege-rename-description').focus();
        break;
      case 'privilege-rename-cancel':
        state.renamingPrivilege = null;
        renderPrivilegeEditor();
        break;
      case 'privilege-deactivate':
        await change($('#privilege-error'), () => api(`/incentive/other-privileges/${encodeURIComponent(code)}`, 'DELETE'), `${code} deactivated.`);
        break;
      case 'privilege-activate':
        await change($('#privilege-error'), () => api(`/incentive/other-privileges/${encodeURIComponent(code)}`, 'PATCH', { active: true }), `${code} activated.`);
        break;
      case 'prison-privileges-edit':
        state.assigning = code;
        renderPrisonPrivilegesEditor();
        $('#prison-privileges-form').scrollIntoView({ block: 'nearest' });
        break;
      case 'prison-privileges-cancel':
        state.assigning = null;
        renderPrisonPrivilegesEditor();
        break;
      case 'prison-reset':
        await change($('#prison-level-error'), () => api(`/incentive/prison-levels/${encodeURIComponent(state.prisonId)}/reset`, 'PUT'), `${state.prisonId} reset.`);
        break;
      default:
        break;
    }
  }

  async function onSubmit(event) {
    const form = event.target;
    if (form.id === 'login-form' || form.id === 'prison-form') return;
    event.preventDefault();
    if (form.id === 'create-level-form') {
      const code = $('#new-level-code').value.trim().toUpperCase();
      const name = $('#new-level-name').value.trim();
      if (!LEVEL_CODE.test(code)) {
        $('#level-error').textContent = 'Code: 1 to 6 capital letters or digits.';
        return;
      }

      if (await change($('#level-error'), () => api('/incentive/levels', 'POST', { code, name, active: true, required: $('#new-level-required').checked }), `${code} created.`)) {
        $('#create-level-form')?.reset();
      }
    } else if (form.id === 'rename-form') {
      const code = form.dataset.code;
      if (await change($('#level-error'), () => api(`/incentive/levels/${encodeURIComponent(code)}`, 'PATCH', { name: $('#rename-name').value.trim() }), `${code} renamed.`)) {
        state.renaming = null;
        renderLevelEditor();
      }
    } else if (form.id === 'create-privilege-form') {
      const code = $('#new-privilege-code').value.trim().toUpperCase();
      const description = $('#new-privilege-description').value.trim();
      if (!PRIVILEGE_CODE.test(code)) {
        $('#privilege-error').textContent = 'Code: 1 to 12 capital letters, digits or underscores.';
        return;
      }

      if (await change($('#privilege-error'), () => api('/incentive/other-privileges', 'POST', { code, description, active: true }), `${code} created.`)) {
        $('#create-privilege-form')?.reset();
      }
    } else if (form.id === 'privilege-rename-form') {
      const code = form.dataset.code;
      const body = { description: $('#privilege-rename-description').value.trim() };
      if (await change($('#privilege-error'), () => api(`/incentive/other-privileges/${encodeURIComponent(code)}`, 'PATCH', body), `${code} renamed.`)) {
        state.renamingPrivilege = null;
        renderPrivilegeEditor();
      }
    } else if (form.id === 'prison-privileges-form') {
      const code = form.dataset.code;
      // The API replaces the whole set: every checked code, [] for none.
      const codes = [...form.querySelectorAll('input[name=privilege]:checked')].map((input) => input.value);
      const path = `/incentive/prison-levels/${encodeURIComponent(state.prisonId)}/level/${encodeURIComponent(code)}/other-privileges`;
      if (await change($('#prison-privileges-error'), () => api(path, 'PUT', codes), `Other privileges of ${code} at ${state.prisonId} saved.`)) {
        state.assigning = null;
        renderPrisonPrivilegesEditor();
      }
    } else if (form.id === 'prison-level-form') {
      const code = form.dataset.code;
      const { body, error, input } = prisonLevelBody(form);
      if (error) {
        $('#prison-level-error').textContent = error;
        input.focus();
        return;
      }

      const path = `/incentive/prison-levels/${encodeURIComponent(state.prisonId)}/level/${encodeURIComponent(code)}`;
      if (await change($('#prison-level-error'), () => api(path, 'PATCH', body), `${code} at ${state.prisonId} saved.`)) {
        state.editing = null;
        renderPrisonLevelEditor();
      }
    }
  }

  // ------------------------------------------------------------------ shell: sign-in, prison choice, messages

  async function reload() {
    if (!token()) return;
    try {
      await loadLevels();
      await loadPrivileges();
      hideBanner();
    } catch (error) {
      if (error.status === 401) return;
      showBanner(error.status === 403
        ? 'Your token\'s role may not read the incentive reference data (403 Forbidden).'
        : `The incentive reference data could not be read: ${error.message}.`);
    }

    await loadPrisonLevels();
    if (state.renaming && !state.levels.some((l) => l.code === state.renaming)) state.renaming = null;
    if (state.renamingPrivilege && !state.privileges.some((p) => p.code === state.renamingPrivilege)) state.renamingPrivilege = null;
    renderLevelEditor();
    renderPrivilegeEditor();
    if (!$('#prison-privileges-form')) renderPrisonPrivilegesEditor();

    // An open prison-level form keeps what the user typed; it closes itself once saved.
    if (!$('#prison-level-form')) renderPrisonLevelEditor();
  }

  function choosePrison() {
    const wanted = new URLSearchParams(location.hash.replace(/^#/, '')).get('prison') || DEFAULT_PRISON;
    const prisonId = wanted.trim().toUpperCase();
    $('#prison-input').value = prisonId;
    if (!PRISON_ID.test(prisonId)) {
      $('#prison-message').textContent = 'Prison: 2 to 6 capital letters or digits, such as MDI.';
      return false;
    }

    if (prisonId !== state.prisonId) {
      state.prisonId = prisonId;
      state.editing = null;
      state.assigning = null;
      $('#prison-level-editor').innerHTML = '';
      $('#prison-privileges-editor').innerHTML = '';
    }

    return true;
  }

  function showPage() {
    const signedIn = Boolean(token());
    $('#login').hidden = signedIn;
    $('#reference-data').hidden = !signedIn;
    $('#sign-out').hidden = !signedIn;
    const who = claims();
    $('#who').textContent = signedIn && who ? `${who.sub || 'unknown'} · ${roles().join(', ') || 'no role'}` : '';
    $('#access').textContent = !signedIn ? '' : canEdit()
      ? 'You may view and change the incentive reference data. Every change is pushed to NOMIS.'
      : 'You may view the incentive reference data. Changing it needs the incentive-levels-rw or admin role.';
  }

  function showBanner(text) {
    const banner = $('#banner');
    banner.textContent = text;
    banner.className = 'banner bad';
    banner.hidden = false;
  }

  function hideBanner() {
    $('#banner').hidden = true;
  }

  function toast(text) {
    const element = document.createElement('div');
    element.className = 'toast';
    element.setAttribute('role', 'status');
    element.dataset.testid = 'toast';
    element.textContent = text;
    $('#toasts').appendChild(element);
    setTimeout(() => element.remove(), 5000);
  }

  function signOut(message) {
    OrleansSyncApi.session.signOut();
    state.levels = [];
    state.prisonLevels = [];
    state.privileges = [];
    state.prisonPrivileges = {};
    state.renaming = null;
    state.renamingPrivilege = null;
    state.editing = null;
    state.assigning = null;
    ['#levels-table thead', '#levels-table tbody', '#privileges-table thead', '#privileges-table tbody', '#prison-levels-table thead',
      '#prison-levels-table tbody', '#level-editor', '#privilege-editor', '#prison-level-editor', '#prison-privileges-editor']
      .forEach((selector) => { $(selector).innerHTML = ''; });
    $('#login-message').textContent = message || '';
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
      reload();
    });
    $('#sign-out').addEventListener('click', () => signOut('Signed out.'));
    $('#prison-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const prisonId = $('#prison-input').value.trim().toUpperCase();
      if (!PRISON_ID.test(prisonId)) {
        $('#prison-message').textContent = 'Prison: 2 to 6 capital letters or digits, such as MDI.';
        return;
      }

      // The hash keeps the chosen prison in the address, so a reload or a shared link shows the same prison.
      location.hash = `prison=${encodeURIComponent(prisonId)}`;
    });
    window.addEventListener('hashchange', async () => {
      if (choosePrison()) await loadPrisonLevels();
      renderPrisonLevelEditor();
      renderPrisonPrivilegesEditor();
    });
    document.addEventListener('click', onClick);
    document.addEventListener('submit', onSubmit);
  }

  wire();
  showPage();
  choosePrison();
  reload();
})();
