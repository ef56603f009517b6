// A job's page: its status and totals, every step (phase, status, attempts with time, duration,
// outcome and error, rows per table), updating live while the job runs; when it completed, its
// certificate (download, and the signature and audit-chain checks shown); and its audit entries.
import { actionLabel, restore, retry } from './actions.js';
import { api } from './api.js';
import { canVerifyHere, decode, verify } from './certificate.js';
import { announce, badge, count, countdown, countsTable, facts, h, poll, span, table, time, update } from './dom.js';

const LIVE = ['SCHEDULED', 'PENDING', 'RUNNING'];
const PHASES = ['PREPARE', 'DELETE', 'VERIFY', 'SCAN', 'FINAL'];
const EVERY_MS = 1500;

/**
 * Hand-over tokens of user erasures started from this tab, by job id: shown once on the job's page,
 * so the operator can pass it to the person (who cannot log in any more to fetch their certificate).
 */
export const handOvers = new Map();

/** Renders job `jobId` into `main`; answers {stop()}. */
export function jobView(main, jobId) {
  const status = h('div', { class: 'job-status', id: 'job-status', 'aria-live': 'polite' });
  const problem = h('div', { class: 'problem', role: 'alert' });
  const overview = h('section', { 'aria-labelledby': 'overview-title' });
  const steps = h('section', { 'aria-labelledby': 'steps-title', id: 'steps' });
  const certificate = h('section', { 'aria-labelledby': 'certificate-title', id: 'certificate', hidden: true });
  const audit = h('section', { 'aria-labelledby': 'audit-title', id: 'audit' });
  const handOver = handOvers.get(jobId);
  handOvers.delete(jobId);
  update(main,
    h('h1', { tabindex: '-1' }, 'Deletion job ', h('span', { class: 'mono' }, jobId)),
    h('p', null, h('a', { href: '#/jobs' }, '← All jobs')),
    handOver ? handOverNotice(handOver) : null,
    status, problem, overview, steps, certificate, audit);

  let job = null;
  let shownOverview = '';
  let shownSteps = '';
  let auditFor = '';
  let certificateShown = false;

  async function load() {
    let read;
    try {
      read = await api('GET', `/api/v1/deletion-jobs/${jobId}`);
    } catch (e) {
      update(problem, h('p', null, e.message));
      return e.status !== 403 && e.status !== 404;
    }
    problem.replaceChildren();
    const before = job ? job.status : null;
    job = read;
    if (before !== job.status) {
      update(status, h('p', null, 'Status: ', badge(job.status), ' ', statusWords(job)));
      if (before) {
        announce(`Job status: ${job.status}.`);
      }
    }
    // Redrawn when the job changed, and each minute for the countdown; not on every poll.
    const overview = JSON.stringify({ ...job, service_results: null, duration_ms: null, duration: null })
      + Math.floor(Date.now() / 60000) + (LIVE.includes(job.status) ? '' : job.duration_ms);
    if (overview !== shownOverview) {
      shownOverview = overview;
      renderOverview();
    }
    const signature = JSON.stringify(job.service_results);
    if (signature !== shownSteps) {
      shownSteps = signature;
      renderSteps();
    }
    if (auditFor !== signature + job.status) {
      auditFor = signature + job.status;
      loadAudit();
    }
    if (job.status === 'COMPLETED' && !certificateShown) {
      certificateShown = true;
      showCertificate();
    }
    return LIVE.includes(job.status);
  }

  function renderOverview() {
    const initiator = job.initiated_by ? `user ${job.initiated_by}` : job.initiating_service ? `service ${job.initiating_service}` : '—';
    update(overview,
      h('h2', { id: 'overview-title' }, 'Overview'),
      facts([
        ['Kind', job.kind],
        ['Subject', h('span', { class: 'mono' }, job.subject_id)],
        ['Requested by', initiator],
        ['Created', time(job.created_at)],
        ['Scheduled for', job.scheduled_for ? [time(job.scheduled_for),
          job.status === 'SCHEDULED' ? ` (${countdown(job.scheduled_for)})` : ''] : undefined],
        ['Started', time(job.started_at)],
        ['Completed', job.completed_at ? time(job.completed_at) : undefined],
        ['Duration', span(job.duration_ms)],
        ['Rows deleted', count(job.total_items_deleted)],
        ['Rows anonymised', count(job.total_items_anonymised)],
        ['Services', `${job.services_completed} completed, ${job.services_failed} failed`],
      ]),
      job.failed_step ? h('div', { class: 'failure', id: 'failed-step' },
        h('h3', null, 'What failed'),
        h('p', null, h('strong', null, `${job.failed_step.phase} ${job.failed_step.service}`), ': ',
          job.failed_step.last_error || 'no error recorded'),
        job.errors && job.errors.length > 1 ? h('ul', null, job.errors.map((error) => h('li', null, error))) : null)
        : null,
      actions());
  }

  function actions() {
    const buttons = [];
    if (job.status === 'FAILED') {
      buttons.push(act('retry', 'Retry the failed steps', () => retry(job), 'Retrying: the failed steps run again.'));
    }
    if (job.status === 'SCHEDULED') {
      buttons.push(act('restore', 'Restore', () => restore(job), 'Restored: the deletion is cancelled.'));
    }
    return buttons.length ? h('div', { class: 'buttons' }, buttons) : null;
  }

  function act(action, label, call, done) {
    return h('button', { type: 'button', class: action === 'retry' ? 'primary' : '', id: `job-${action}`,
      'aria-label': actionLabel(action, job), dataset: { key: action },
      onclick: async (event) => {
        event.currentTarget.disabled = true;
        try {
          await call();
          announce(done);
        } catch (e) {
          update(problem, h('p', null, `${label} failed: ${e.message}`));
        }
        poller.refresh();
      } }, label);
  }

  function renderSteps() {
    const results = [...(job.service_results || [])].sort((a, b) =>
      PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) || a.service.localeCompare(b.service));
    update(steps,
      h('h2', { id: 'steps-title' }, 'Steps'),
      results.length === 0 ? h('p', null, 'No step has been planned yet.') : table('Every step in plan order',
        ['Phase', 'Service', 'Status', 'Attempts', 'Rows deleted', 'Rows anonymised', 'Last error', 'Attempts and rows'],
        results.map((step) => h('tr', { dataset: { step: `${step.phase}-${step.service}` } },
          h('td', null, step.phase),
          h('td', null, step.service),
          h('td', null, badge(step.status)),
          h('td', null, `${step.attempts} of ${step.attempt_limit}`,
            step.next_attempt_at && step.status === 'PENDING' && step.attempts > 0
              ? [h('br'), h('span', { class: 'countdown' }, `next ${countdown(step.next_attempt_at)}`)] : null),
          h('td', { class: 'number' }, count(step.items_deleted)),
          h('td', { class: 'number' }, count(step.items_anonymised)),
          h('td', { class: 'error-text' }, step.last_error || '—'),
          h('td', null, stepDetails(step)))), { class: 'steps' }));
  }

  async function loadAudit() {
    try {
      const page = await api('GET', `/api/v1/deletion-audit?job_id=${jobId}&limit=1000`);
      update(audit,
        h('h2', { id: 'audit-title' }, 'Audit trail'),
        h('p', null, `${page.entries.length} entr${page.entries.length === 1 ? 'y' : 'ies'} of the hash-chained audit trail`
          + ' name this job, oldest first.', page.next_after ? ' Only the first 1000 are shown.' : ''),
        table('Audit entries of this job', ['Entry', 'Recorded', 'Action', 'Actor', 'Details'],
          page.entries.map((entry) => [String(entry.seq), time(entry.recorded_at), entry.action, entry.actor,
            h('span', { class: 'details-text' }, describe(entry.details))]), { class: 'audit' }));
    } catch (e) {
      update(audit, h('h2', { id: 'audit-title' }, 'Audit trail'), h('p', { class: 'notice' }, e.message));
    }
  }

  async function showCertificate() {
    certificate.hidden = false;
    const verdict = h('div', { id: 'certificate-verdict', class: 'verdict', 'aria-live': 'polite' },
      h('p', null, 'Checking the certificate…'));
    const chain = h('div', { id: 'certificate-chain', class: 'verdict', 'aria-live': 'polite' });
    const claims = h('div', { id: 'certificate-claims' });
    let jws = null;
    const download = h('button', { type: 'button', class: 'primary', id: 'certificate-download', disabled: true,
      onclick: () => save(jws, `deletion-certificate-${jobId}.jws`) }, 'Download certificate');
    update(certificate,
      h('h2', { id: 'certificate-title' }, 'Deletion certificate'),
      h('p', null, 'The signed proof of this deletion (a compact JWS, ES256), checked here against the platform\'s'
        + ' public keys and the audit trail.'),
      h('div', { class: 'buttons' }, download), verdict, chain, claims);
    try {
      jws = String(await api('GET', `/api/v1/deletion-jobs/${jobId}/certificate`, { accept: 'application/jose' })).trim();
    } catch (e) {
      update(verdict, h('p', { class: 'bad' }, `The certificate could not be read: ${e.message}`));
      return;
    }
    download.disabled = false;
    let decoded = null;
    try {
      decoded = decode(jws);
    } catch (e) {
      update(verdict, h('p', { class: 'bad' }, `Invalid: ${e.message}`));
      return;
    }
    update(claims, renderClaims(decoded.claims));
    if (!canVerifyHere()) {
      update(verdict, h('p', { class: 'notice', id: 'certificate-offline' },
        'This browser cannot check signatures on this page: it is not served over HTTPS (or from localhost), so'
        + ' WebCrypto is unavailable. Check the downloaded file with the platform\'s verifier instead:'),
      h('pre', null, `curl -s ${location.origin}/api/v1/deletion-certificates/jwks.json > jwks.json\n`
        + `java -jar bakery-platform.jar verify-certificate deletion-certificate-${jobId}.jws --jwks jwks.json`));
    } else {
      let result;
      try {
        const jwks = await api('GET', '/api/v1/deletion-certificates/jwks.json');
        result = await verify(jws, jwks);
      } catch (e) {
        result = { valid: false, reason: `the platform's keys could not be read: ${e.message}` };
      }
      if (result.valid && result.claims.job_id !== jobId) {
        result = { valid: false, kid: result.kid, reason: `it is the certificate of job ${result.claims.job_id}, not of this one` };
      }
      update(verdict, result.valid
        ? h('p', { class: 'good', id: 'certificate-valid' }, h('strong', null, 'Valid'), `: signed by key ${result.kid}`
          + ' of the platform\'s certificate keys (ES256).')
        : h('p', { class: 'bad', id: 'certificate-invalid' }, h('strong', null, 'Invalid'), `: ${result.reason}`
          + (result.kid ? ` (key id ${result.kid})` : '')));
    }
    checkChain(decoded.claims.audit_head, chain);
  }

  const poller = poll(load, EVERY_MS);
  return poller;
}

async function checkChain(auditHead, into) {
  if (!/^[0-9a-f]{64}$/.test(String(auditHead))) {
    update(into, h('p', { class: 'bad' }, 'The certificate names no audit_head to look for in the audit trail.'));
    return;
  }
  try {
    const check = await api('GET', `/api/v1/deletion-audit/verification?audit_head=${auditHead}`);
    update(into, !check.valid
      ? h('p', { class: 'bad', id: 'chain-broken' }, h('strong', null, 'Audit trail broken'),
        `: entry ${check.first_invalid_entry} is not what its hash says (${check.reason}).`)
      : check.audit_head_found
        ? h('p', { class: 'good', id: 'chain-holds' }, h('strong', null, 'In the audit trail'),
          `: the chain of ${count(check.entries)} entries is intact and holds this certificate's audit_head at entry`
          + ` ${check.audit_head_entry}.`
          + (check.checked_after ? ` Entries after ${check.checked_after} were re-hashed now; those up to it by the last`
            + ' full verification (ctl audit verify).' : ''))
        : h('p', { class: 'bad', id: 'chain-missing' }, h('strong', null, 'Not in the audit trail'),
          ': the chain is intact but does not hold this certificate\'s audit_head (the trail was rewritten since).'));
  } catch (e) {
    update(into, h('p', { class: 'notice' }, `The audit trail could not be checked: ${e.message}`));
  }
}

function renderClaims(claims) {
  const services = Object.entries(claims.services || {});
  const rows = [];
  for (const [service, kinds] of services) {
    const tables = new Set([...Object.keys(kinds.deleted || {}), ...Object.keys(kinds.anonymised || {}),
      ...Object.keys(kinds.retained || {})]);
    for (const name of [...tables].sort()) {
      rows.push([service, name, ...['deleted', 'anonymised', 'retained'].map((kind) => (kinds[kind] || {})[name] || 0)]);
    }
  }
  const checked = Object.entries((claims.verification || {}).services || {}).map(([service, c]) => [service,
    count(c.late_rows_deleted), count(c.rows_remaining), count(c.catalog_tables_scanned),
    count(c.catalog_columns_scanned), count(c.catalog_rows_found)]);
  const totals = claims.totals || {};
  return [
    h('h3', null, 'What it states'),
    facts([
      ['Job', h('span', { class: 'mono' }, claims.job_id)],
      ['Kind', claims.kind],
      ['Subject', h('span', { class: 'mono' }, claims.subject_id)],
      ['Requested', time(claims.requested_at)],
      ['Completed', time(claims.completed_at)],
      ['Issued by', claims.iss],
      ['Issued', claims.iat ? time(new Date(claims.iat * 1000).toISOString()) : '—'],
      ['Totals', `${count(totals.deleted)} deleted, ${count(totals.anonymised)} anonymised, ${count(totals.retained)} retained`],
      ['Rows found after deletion', count((claims.verification || {}).rows_found)],
      ['Audit head', h('span', { class: 'mono wrap' }, claims.audit_head)],
    ], { id: 'certificate-facts' }),
    countsTable('Rows per service and table', ['Deleted', 'Anonymised', 'Retained'], rows),
    checked.length ? table('What verification checked, per service', ['Service', 'Late rows deleted', 'Rows remaining',
      'Catalog tables scanned', 'Catalog columns scanned', 'Rows found by the scan'], checked, { class: 'counts' }) : null,
  ];
}

/** A step's attempts (time, duration, outcome, error) and its rows per table, folded away until opened. */
function stepDetails(step) {
  const attempts = (step.attempt_history || []).map((a) => [String(a.attempt), time(a.started_at),
    a.duration_ms === undefined ? 'running' : span(a.duration_ms), a.outcome || 'running', a.error || '—']);
  const byTable = {};
  for (const [kind, tables] of Object.entries(step.counts || {})) {
    for (const [name, rows] of Object.entries(tables || {})) {
      if (typeof rows === 'number') {
        (byTable[name] = byTable[name] || {})[kind] = rows;
      }
    }
  }
  const kinds = [...new Set(Object.values(byTable).flatMap(Object.keys))].sort();
  const counts = Object.keys(byTable).sort().map((name) => [h('span', { class: 'mono' }, name),
    ...kinds.map((kind) => count(byTable[name][kind]))]);
  return h('details', { dataset: { key: `step-${step.phase}-${step.service}` } },
    h('summary', null, `${step.attempts} attempt${step.attempts === 1 ? '' : 's'}, ${count(Object.keys(byTable).length)} tables`),
    attempts.length ? table(`Attempts of ${step.phase} ${step.service}`,
      ['Attempt', 'Started', 'Duration', 'Outcome', 'Error'], attempts, { class: 'inner' }) : h('p', null, 'Not attempted yet.'),
    counts.length ? table(`Rows per table of ${step.phase} ${step.service}`,
      ['Table', ...kinds.map((kind) => kind.replace(/_/g, ' '))], counts, { class: 'inner' }) : null);
}

function statusWords(job) {
  switch (job.status) {
    case 'SCHEDULED': return `waiting out its window; it starts ${countdown(job.scheduled_for)} unless restored.`;
    case 'PENDING': return 'waiting for a worker to take its first steps.';
    case 'RUNNING': return 'deleting now; this page updates by itself.';
    case 'COMPLETED': return 'everything is deleted and verified; the certificate is below.';
    case 'FAILED': return 'a step used all its attempts. Fix the cause, then retry.';
    case 'CANCELLED': return 'restored within its window; nothing was deleted.';
    default: return '';
  }
}

// Details as stored: an object as key=value pairs; anything else (only a rewritten entry holds
// something else) as its JSON, so a tampered entry shows what it now says.
function describe(details) {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) {
    return details === undefined ? '—' : JSON.stringify(details);
  }
  return Object.entries(details).map(([key, value]) =>
    `${key}=${typeof value === 'object' && value !== null ? JSON.stringify(value) : value}`).join(', ') || '—';
}

function handOverNotice(answer) {
  return h('div', { class: 'notice', id: 'hand-over' },
    h('h2', null, 'Give the person their certificate token'),
    h('p', null, 'Once erased they cannot log in. With this token (shown only now) they fetch the certificate'
      + ' without an account when the erasure completes:'),
    h('pre', null, `curl -H "Deletion-Certificate-Token: ${answer.certificate_token}" ${location.origin}${answer.certificate_url}`));
}

/** Saves `text` as a file through a Blob link (nothing leaves the browser). */
function save(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/jose' }));
  const link = h('a', { href: url, download: name, class: 'visually-hidden' });
  document.body.append(link);
  link.click();
  link.remove();
  announce(`Saved ${name}.`);
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
