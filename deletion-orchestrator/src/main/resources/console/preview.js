// Previews: for a tenant or a user id, what a deletion would remove, anonymise and keep, per service
// and table, asked of every service before anything changes; and the deletion itself, after the
// tenant's name (or the user's id) is typed back in a confirmation.
import { api } from './api.js';
import { announce, badge, count, countsTable, facts, h, table, update } from './dom.js';
import { handOvers } from './job.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Renders the preview page into `main` from the route's query (kind, id, owned); answers {stop()}. */
export function previewView(main, params) {
  const state = {
    kind: params.get('kind') === 'user' ? 'user' : 'tenant',
    id: params.get('id') || '',
    owned: params.get('owned') === 'delete' ? 'delete' : 'transfer',
  };
  const problem = h('div', { class: 'problem', role: 'alert' });
  const results = h('div', { id: 'preview-results', 'aria-live': 'polite' });
  const dialog = h('dialog', { id: 'confirm', 'aria-labelledby': 'confirm-title' });
  let generation = 0;

  const kindRadio = (value, label) => h('label', { class: 'check' },
    h('input', { type: 'radio', name: 'kind', value, checked: state.kind === value }), ` ${label}`);
  const id = h('input', { id: 'preview-id', name: 'id', value: state.id, size: 38, maxlength: 36, required: true,
    spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'preview-id-hint' });
  const owned = h('select', { id: 'preview-owned', name: 'owned' },
    h('option', { value: 'transfer', selected: state.owned === 'transfer' }, 'hand each to its longest-standing admin'),
    h('option', { value: 'delete', selected: state.owned === 'delete' }, 'delete each of them too'));
  const form = h('form', { class: 'filters', 'aria-label': 'Preview a deletion' },
    h('fieldset', null, h('legend', null, 'Delete'), kindRadio('tenant', 'a tenant'), kindRadio('user', 'a user')),
    h('div', { class: 'field' }, h('label', { for: 'preview-id' }, 'Tenant or user id'), id,
      h('span', { class: 'hint', id: 'preview-id-hint' }, 'A UUID, as in the jobs list or the tenant\'s settings.')),
    h('div', { class: 'field', id: 'owned-field' }, h('label', { for: 'preview-owned' }, 'Tenants the user owns:'), owned),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary' }, 'Show preview')));
  const ownedField = form.querySelector('#owned-field');
  const syncKind = () => {
    state.kind = form.querySelector('input[name=kind]:checked').value;
    ownedField.hidden = state.kind !== 'user';
  };
  form.addEventListener('change', syncKind);
  syncKind();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.id = id.value.trim();
    state.owned = owned.value;
    history.replaceState(null, '', `#/preview?kind=${state.kind}&id=${encodeURIComponent(state.id)}`
      + (state.kind === 'user' ? `&owned=${state.owned}` : ''));
    show();
  });

  update(main, h('h1', { tabindex: '-1' }, 'Preview a deletion'),
    h('p', null, 'What deleting a tenant or a person would remove, anonymise and keep in every service, counted now.'
      + ' Nothing changes until you confirm a deletion.'),
    form, problem, results, dialog);

  async function show() {
    const mine = ++generation;
    problem.replaceChildren();
    if (!UUID.test(state.id)) {
      update(problem, h('p', null, `"${state.id}" is not an id: a tenant or user id is a UUID such as`
        + ' 3f2b8c1e-6a0d-4b7e-9c5a-1d2e3f405162.'));
      id.focus();
      return;
    }
    update(results, h('p', { class: 'loading' }, 'Asking every service…'));
    const path = state.kind === 'tenant' ? `/api/v1/tenants/${state.id}/deletion-preview`
      : `/api/v1/users/${state.id}/deletion-preview?owned_tenants=${state.owned}`;
    let preview;
    try {
      preview = await api('GET', path);
    } catch (e) {
      if (mine === generation) {
        results.replaceChildren();
        update(problem, h('p', null, e.message));
      }
      return;
    }
    if (mine !== generation) {
      return;
    }
    update(results, state.kind === 'tenant' ? tenantPreview(preview) : userPreview(preview));
    announce(`Preview ready: ${count(preview.total_items)} rows would be deleted or anonymised.`);
  }

  function tenantPreview(preview) {
    const gone = preview.tenant_status === 'DELETING';
    return [
      h('h2', { id: 'preview-title' }, 'Tenant ', h('q', { id: 'preview-tenant-name' }, preview.tenant_name)),
      facts([
        ['Tenant id', h('span', { class: 'mono' }, preview.tenant_id)],
        ['Status', badge(preview.tenant_status)],
        ['Rows to delete or anonymise', h('span', { id: 'preview-total' }, count(preview.total_items))],
      ]),
      unavailable(preview.unavailable),
      serviceTable(preview.services),
      kept('the tenant service\'s record that the tenant was deleted (tenant.tenant_deletions)'),
      h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'danger', id: 'delete-start', disabled: gone,
        onclick: () => confirm({
          title: `Delete tenant "${preview.tenant_name}"?`,
          prompt: ['Type the tenant\'s name, ', h('strong', null, preview.tenant_name), ', to confirm'],
          expected: preview.tenant_name,
          path: `/api/v1/tenants/${preview.tenant_id}`,
          what: 'tenant',
        }) }, 'Delete this tenant…'), gone ? h('span', { class: 'hint' }, ' Its deletion is under way.') : null),
    ];
  }

  function userPreview(preview) {
    const blocked = (preview.owned_tenants || []).filter((tenant) => tenant.action === 'BLOCKED');
    return [
      h('h2', { id: 'preview-title' }, 'User ', h('span', { class: 'mono' }, preview.user_id)),
      facts([['Rows to delete or anonymise', h('span', { id: 'preview-total' }, count(preview.total_items))]]),
      (preview.owned_tenants || []).length ? table('Tenants the user owns', ['Tenant', 'What happens', 'New owner', 'Why not'],
        preview.owned_tenants.map((tenant) => [h('span', { class: 'mono' }, tenant.tenant_id), tenant.action,
          tenant.new_owner_id ? h('span', { class: 'mono' }, tenant.new_owner_id) : '—', tenant.reason || '—']))
        : h('p', null, 'The user owns no tenant.'),
      (preview.memberships || []).length ? table('Memberships removed', ['Tenant', 'Role'],
        preview.memberships.map((m) => [h('span', { class: 'mono' }, m.tenant_id), m.role])) : null,
      unavailable(preview.unavailable),
      serviceTable(preview.services),
      kept('the ids of the tenants a user job handed over or deleted'),
      h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'danger', id: 'delete-start',
        disabled: blocked.length > 0,
        onclick: () => confirm({
          title: 'Erase this user?',
          prompt: ['Type the user\'s id, ', h('strong', { class: 'mono' }, preview.user_id), ', to confirm'],
          expected: preview.user_id,
          path: `/api/v1/users/${preview.user_id}?owned_tenants=${state.owned}`,
          what: 'user',
        }) }, 'Erase this user…'),
      blocked.length ? h('span', { class: 'hint' }, ' Blocked: a tenant the user owns has no admin to take it over.') : null),
    ];
  }

  /** The confirmation: the name (or id) typed back exactly; Enter confirms, Escape or Cancel closes. */
  function confirm({ title, prompt, expected, path, what }) {
    const typed = h('input', { id: 'confirm-name', autocomplete: 'off', spellcheck: 'false', required: true });
    const immediate = h('input', { type: 'checkbox', id: 'confirm-immediate' });
    const error = h('div', { class: 'problem', role: 'alert', id: 'confirm-error' });
    const submit = h('button', { type: 'submit', class: 'danger', id: 'confirm-delete', disabled: true },
      what === 'tenant' ? 'Delete tenant' : 'Erase user');
    const cancel = h('button', { type: 'button', id: 'confirm-cancel', onclick: () => dialog.close('cancel') }, 'Cancel');
    const opener = document.activeElement;
    typed.addEventListener('input', () => {
      submit.disabled = typed.value !== expected;
    });
    const body = h('form', { method: 'dialog' },
      h('h2', { id: 'confirm-title' }, title),
      h('p', null, 'The deletion waits out its grace window first (restorable until then from the jobs list),'
        + ' unless you skip it below. What it has deleted can never be restored.'),
      h('label', { for: 'confirm-name' }, prompt), typed,
      h('label', { class: 'check' }, immediate, ' Skip the grace window and start deleting now'),
      error,
      h('div', { class: 'buttons' }, cancel, submit));
    body.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (typed.value !== expected) {
        return;
      }
      submit.disabled = true;
      try {
        const answer = await api('DELETE', path + (immediate.checked ? `${path.includes('?') ? '&' : '?'}immediate=true` : ''));
        if (answer.certificate_token) {
          handOvers.set(answer.job_id, answer);
        }
        dialog.close('done');
        announce(`Deletion ${answer.status === 'SCHEDULED' ? 'scheduled' : 'started'}.`);
        location.hash = `#/jobs/${answer.job_id}`;
      } catch (e) {
        update(error, h('p', null, e.message));
        submit.disabled = false;
      }
    });
    update(dialog, body);
    dialog.addEventListener('close', () => {
      if (dialog.returnValue !== 'done' && opener && document.contains(opener)) {
        opener.focus();
      }
    }, { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    typed.focus();
  }

  if (state.id) {
    show();
  }
  return { stop() { generation += 1; if (dialog.open) { dialog.close(); } } };
}

function serviceTable(services) {
  const rows = [];
  for (const service of [...(services || [])].sort((a, b) => a.service.localeCompare(b.service))) {
    const tables = new Set([...Object.keys(service.to_delete || {}), ...Object.keys(service.to_anonymise || {}),
      ...Object.keys(service.to_retain || {})]);
    for (const name of [...tables].sort()) {
      rows.push([service.service, name, ...[service.to_delete, service.to_anonymise, service.to_retain]
        .map((counts) => (counts || {})[name] || 0)]);
    }
  }
  return countsTable('Per service and table', ['Delete', 'Anonymise', 'Keep'], rows, { id: 'preview-table' });
}

function unavailable(services) {
  const entries = Object.entries(services || {});
  return entries.length ? h('div', { class: 'notice' }, h('p', null, h('strong', null, 'Not counted'),
    ': these services did not answer, so the totals miss them.'),
  h('ul', null, entries.map(([service, reason]) => h('li', null, `${service}: ${reason}`)))) : null;
}

function kept(alsoKept) {
  return h('p', { class: 'hint' }, 'Kept by every deletion: its job record, audit entries and certificate (ids, counts'
    + ` and times, no names), and ${alsoKept}.`);
}
