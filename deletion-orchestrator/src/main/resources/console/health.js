// The health strip above every page: jobs running and failed now, the oldest failed one, and rows
// deleted per minute (GET /api/v1/deletion-jobs/stats), every few seconds.
import { api } from './api.js';
import { ago, count, h, poll, update } from './dom.js';

const EVERY_MS = 5000;

/** Shows the figures in `container` and keeps them current; answers the poller (stop() to end). */
export function healthStrip(container) {
  let shown = '';
  return poll(async () => {
    let stats;
    try {
      stats = await api('GET', '/api/v1/deletion-jobs/stats');
    } catch (e) {
      shown = '';
      update(container, h('p', { class: 'notice' }, `Health figures unavailable: ${e.message}`));
      return true;
    }
    const signature = JSON.stringify(stats) + new Date().getMinutes();
    if (signature !== shown) {
      shown = signature;
      update(container, h('h2', { class: 'visually-hidden' }, 'Deletion health'), render(stats));
    }
    return true;
  }, EVERY_MS);
}

function render(stats) {
  const failed = stats.failed > 0;
  return h('dl', { class: 'figures' },
    figure('Running', count(stats.running), 'health-running'),
    figure('Failed', failed ? [count(stats.failed), h('span', { class: 'flag' }, ' needs attention')] : '0',
      'health-failed', failed ? 'bad' : ''),
    figure('Oldest failed', stats.oldest_failed_job_id
      ? h('a', { href: `#/jobs/${stats.oldest_failed_job_id}`, dataset: { key: 'oldest-failed' } },
        `failed ${ago(stats.oldest_failed_at)}`)
      : 'none', 'health-oldest-failed', failed ? 'bad' : ''),
    figure('Rows deleted per minute', `${count(stats.rows_deleted_per_minute)} (last 15 min)`, 'health-rate'),
    figure('Scheduled', count(stats.scheduled), 'health-scheduled'),
    figure('Pending', count(stats.pending), 'health-pending'));
}

function figure(term, value, id, tone = '') {
  return h('div', { class: `figure ${tone}`, id }, h('dt', null, term), h('dd', null, value));
}
