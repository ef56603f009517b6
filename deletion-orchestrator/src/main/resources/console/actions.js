// What an operator does to a job from any page, through the same API calls as everyone's: restore a
// scheduled deletion within its window, retry a failed job.
import { api } from './api.js';

/** Cancels a SCHEDULED job's deletion: the tenant or the account is ACTIVE again with everything it had. */
export function restore(job) {
  const subject = job.kind === 'USER' ? 'users' : 'tenants';
  return api('POST', `/api/v1/${subject}/${job.subject_id}/restore`);
}

/** Runs again the steps of a FAILED job that did not succeed. */
export function retry(job) {
  return api('POST', `/api/v1/deletion-jobs/${job.job_id}/retry`);
}

/** The button's words for an action on `job`, for the job list's rows and the job page. */
export function actionLabel(action, job) {
  const what = job.kind === 'USER' ? `the erasure of user ${job.subject_id}` : `the deletion of tenant ${job.subject_id}`;
  return action === 'restore' ? `Restore: cancel ${what}` : `Retry ${what}`;
}
