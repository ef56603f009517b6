// The jobs list: filtered by kind, status, subject and creation time, newest first, a page at a
// time (GET /api/v1/deletion-jobs), refreshed every few seconds; scheduled deletions with their
// countdown and a Restore button, failed ones with the failing step, its error and a Retry button.
import { actionLabel, restore, retry } from './actions.js';
import { api } from './api.js';
import { announce, badge, countdown, h, poll, shortId, time, update } from './dom.js';

const STATUSES = ['SCHEDULED', 'PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'];
const PAGE_SIZE = 25;
const EVERY_MS = 4000;

/** Renders the list into `main` from the route's query; answers {stop()}. */
export function jobsView(main, params) {
  const filters = {
    kind: params.get('kind') || '',
    status: (params.get('status') || '').split(',').filter((s) => STATUSES.includes(s)),
    subject: params.get('subject') || '',
    after: params.get('after') || '',
    before: params.get('before') || '',
    offset: Math.max(0, Number.parseInt(params.get('offset') || '0', 10) || 0),
  };
  const problem = h('div', { class: 'problem', role: 'alert' });
  const summary = h('p', { class: 'summary', id: 'jobs-summary' });
  const message = h('p', { class: 'done', id: 'jobs-message', role: 'status' });
  const results = h('div', { class: 'results', id: 'jobs-results' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of jobs' });
  let shown = '';
  let page = null;

  const form = filterForm(filters, (next) => {
    Object.assign(filters, next, { offset: 0 });
    keepInAddress(filters);
    shown = '';
    poller.refresh();
  });
  update(main, h('h1', { tabindex: '-1' }, 'Deletion jobs'), form, problem, message, summary, results, pager);

  async function load() {
    const query = new URLSearchParams({ limit: PAGE_SIZE, offset: filters.offset });
    if (filters.kind) {
      query.set('kind', filters.kind);
    }
    filters.status.forEach((status) => query.append('status', status));
    if (filters.subject.trim()) {
      query.set('subject_id', filters.subject.trim());
    }
    for (const [field, parameter] of [['after', 'created_after'], ['before', 'created_before']]) {
      if (filters[field]) {
        // The fields read UTC, as every time the console shows.
        const instant = new Date(`${filters[field]}Z`);
        if (Number.isNaN(instant.getTime())) {
          update(problem, h('p', null, `"${filters[field]}" is not a date and time.`));
          return true;
        }
        query.set(parameter, instant.toISOString());
      }
    }
    try {
      page = await api('GET', `/api/v1/deletion-jobs?${query}`);
    } catch (e) {
      update(problem, h('p', null, e.message));
      return true;
    }
    problem.replaceChildren();
    const signature = JSON.stringify(page.items) + Math.floor(Date.now() / 60000);
    if (signature !== shown) {
      const first = shown === '';
      shown = signature;
      render();
      if (first) {
        announce(`${page.items.length} job${page.items.length === 1 ? '' : 's'} shown.`);
      }
    }
    return true;
  }

  function render() {
    const { items } = page;
    summary.textContent = items.length === 0
      ? (filters.offset > 0 ? 'No more jobs.' : 'No job matches these filters.')
      : `Jobs ${filters.offset + 1}–${filters.offset + items.length}, newest first.`;
    update(results, items.length === 0 ? null : h('table', { class: 'jobs' },
      h('caption', { class: 'visually-hidden' }, 'Deletion jobs, newest first'),
      h('thead', null, h('tr', null, ['Job', 'Kind', 'Subject', 'Status', 'Created', 'Scheduled for', 'What failed',
        'Actions'].map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', null, items.map(row))));
    update(pager,
      h('button', { type: 'button', disabled: filters.offset === 0, dataset: { key: 'newer' },
        onclick: () => turn(Math.max(0, filters.offset - PAGE_SIZE)) }, 'Newer jobs'),
      h('button', { type: 'button', disabled: items.length < PAGE_SIZE, dataset: { key: 'older' },
        onclick: () => turn(filters.offset + PAGE_SIZE) }, 'Older jobs'));
  }

  function turn(offset) {
    filters.offset = offset;
    keepInAddress(filters);
    shown = '';
    poller.refresh();
  }

  function row(job) {
    const failed = job.failed_step;
    return h('tr', { dataset: { job: job.job_id } },
      h('td', null, h('a', { href: `#/jobs/${job.job_id}`, 'aria-label': `Job ${job.job_id}` }, shortId(job.job_id))),
      h('td', null, job.kind),
      h('td', { class: 'mono' }, job.subject_id),
      h('td', null, badge(job.status)),
      h('td', null, time(job.created_at)),
      h('td', null, job.status === 'SCHEDULED' && job.scheduled_for
        ? [time(job.scheduled_for), h('br'), h('span', { class: 'countdown' }, countdown(job.scheduled_for))] : '—'),
      failed || (job.errors && job.errors.length) ? h('td', { class: 'error-text' }, failed
        ? [h('strong', null, `${failed.phase} ${failed.service}`), ': ', failed.last_error || 'no error recorded']
        : job.errors.join('; ')) : h('td', null, '—'),
      h('td', null, actions(job)));
  }

  function actions(job) {
    if (job.status === 'SCHEDULED') {
      return act(job, 'restore', 'Restore', () => restore(job),
        `Restored: ${job.kind === 'USER' ? 'the account' : 'the tenant'} ${job.subject_id} is active again.`);
    }
    if (job.status === 'FAILED') {
      return act(job, 'retry', 'Retry', () => retry(job), `Retrying job ${job.job_id}.`);
    }
    return null;
  }

  function act(job, action, label, call, done) {
    return h('button', { type: 'button', class: action === 'retry' ? 'primary' : '', 'aria-label': actionLabel(action, job),
      dataset: { key: `${action}-${job.job_id}` },
      onclick: async (event) => {
        const button = event.currentTarget;
        button.disabled = true;
        try {
          await call();
          problem.replaceChildren();
          message.textContent = done;
        } catch (e) {
          update(problem, h('p', null, `${label} failed: ${e.message}`));
          button.disabled = false;
        }
        shown = '';
        poller.refresh();
      } }, label);
  }

  const poller = poll(load, EVERY_MS);
  return poller;
}

function filterForm(filters, apply) {
  const kind = h('select', { id: 'filter-kind', name: 'kind' },
    [['', 'Any'], ['TENANT', 'Tenant'], ['USER', 'User']].map(([value, label]) =>
      h('option', { value, selected: filters.kind === value }, label)));
  const statuses = STATUSES.map((status) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', name: 'status', value: status, checked: filters.status.includes(status) }), ` ${status}`));
  const subject = h('input', { id: 'filter-subject', name: 'subject', value: filters.subject, size: 38, maxlength: 36,
    spellcheck: 'false', autocomplete: 'off' });
  const after = h('input', { id: 'filter-after', name: 'after', type: 'datetime-local', value: filters.after });
  const before = h('input', { id: 'filter-before', name: 'before', type: 'datetime-local', value: filters.before });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter jobs' },
    h('div', { class: 'field' }, h('label', { for: 'filter-kind' }, 'Kind'), kind),
    h('fieldset', { class: 'statuses' }, h('legend', null, 'Status (any of)'), statuses),
    h('div', { class: 'field' }, h('label', { for: 'filter-subject' }, 'Tenant or user id'), subject),
    h('div', { class: 'field' }, h('label', { for: 'filter-after' }, 'Created after (UTC)'), after),
    h('div', { class: 'field' }, h('label', { for: 'filter-before' }, 'Created before (UTC)'), before),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', class: 'primary' }, 'Apply filters'),
      h('button', { type: 'reset' }, 'Clear')));
  const read = () => ({
    kind: kind.value,
    status: [...form.querySelectorAll('input[name=status]:checked')].map((box) => box.value),
    subject: subject.value,
    after: after.value,
    before: before.value,
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply(read());
  });
  form.addEventListener('reset', () => {
    // After the browser has reset the fields to the values they were rendered with: clear them all.
    setTimeout(() => {
      kind.value = '';
      form.querySelectorAll('input').forEach((input) => {
        if (input.type === 'checkbox') {
          input.checked = false;
        } else {
          input.value = '';
        }
      });
      apply(read());
    }, 0);
  });
  return form;
}

/** The filters in the address, so a reload or a shared link shows the same list (without a new render). */
function keepInAddress(filters) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    const text = Array.isArray(value) ? value.join(',') : String(value);
    if (text && !(name === 'offset' && text === '0')) {
      query.set(name, text);
    }
  }
  const hash = `#/jobs${query.toString() ? `?${query}` : ''}`;
  history.replaceState(null, '', hash);
}
