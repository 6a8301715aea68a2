/** Meilisearch's answers as the remote index reads them: refused, index lost, or a transport failure passed through. */
import { MeilisearchApiError, type Task } from 'meilisearch';
import { EngineRejection } from '../core/engine.js';
import { AccessRefused, IndexLost } from './remote-errors.js';

/** How often a task's status is asked while waiting for it. */
export const TASK_POLL_MS = 250;

/** Search errors that mean the index lacks its settings (an attribute is not filterable, sortable or a facet). */
const SETTINGS_LOST = new Set(['invalid_search_filter', 'invalid_search_sort', 'invalid_search_facets']);

/** A Meilisearch task that ended otherwise than `succeeded`; the task's own error is the cause. */
export class MeiliTaskError extends EngineRejection {
  constructor(readonly task: Task) {
    super(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? 'no error given'}`, { cause: task.error });
    this.name = 'MeiliTaskError';
  }
}

/** The error code of a Meilisearch answer (`index_not_found`…), if the error is one. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof MeilisearchApiError ? error.cause?.code : undefined;
}

/**
 * Answers of Meilisearch itself (4xx) are rejections (a refused key among them), and a missing index or a missing
 * setting means the index was lost; server errors (5xx), transport failures and timeouts pass through unchanged (a health check decides).
 */
export function classify(error: unknown): unknown {
  if (!(error instanceof MeilisearchApiError)) return error;
  const code = errorCode(error);
  if (code === 'index_not_found') return new IndexLost(`the Meilisearch index is gone: ${error.message}`, { cause: error });
  if (code && SETTINGS_LOST.has(code)) return new IndexLost(`the Meilisearch index lacks its settings: ${error.message}`, { cause: error });
  const status = error.response.status;
  if (status === 401 || status === 403) return new AccessRefused(`Meilisearch refused the request: ${error.message}`, { cause: error });
  if (status < 500) return new EngineRejection(`Meilisearch refused the request: ${error.message}`, { cause: error });
  return error;
}

/** The task when it succeeded or failed with a tolerated code; otherwise the error that says why. */
export function taskOutcome(task: Task, tolerate: string[] = []): Task {
  if (task.status === 'succeeded' || (task.error && tolerate.includes(task.error.code))) return task;
  const failure = new MeiliTaskError(task);
  if (task.error?.code === 'index_not_found') throw new IndexLost(`the Meilisearch index is gone: ${failure.message}`, { cause: failure });
  throw failure;
}
