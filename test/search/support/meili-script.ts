/**
 * Scripted answers to Meilisearch's HTTP API, through undici's MockAgent (Node's fetch honours its global
 * dispatcher): it records every request this code sends and answers from a small script of indexes, settings
 * and tasks that each test can change. It is not Meilisearch and proves nothing about Meilisearch: the tests that
 * use it check the requests this code sends and what it does with the answers.
 */
import { getGlobalDispatcher, MockAgent, setGlobalDispatcher, type Dispatcher } from 'undici';

export const SCRIPT_HOST = 'http://meili.test:7700';

/** A request as this code sent it. */
export interface SentRequest {
  method: string;
  path: string;
  body: unknown;
  at: number;
}

/** An answer: status and JSON body. */
export interface ScriptAnswer {
  status: number;
  body?: unknown;
}

type Handler = (req: SentRequest, match: RegExpMatchArray) => ScriptAnswer | undefined;

interface ScriptTask {
  uid: number;
  indexUid: string | null;
  type: string;
  status: string;
  error: { code: string; message: string; type: string; link: string } | null;
  /** Polls answered `enqueued` before the task ends. */
  pendingPolls: number;
}

/** What a task of a type ends as, set by a test: a failure with its code, or success after some polls. */
export interface TaskScript {
  fail?: { code: string; message?: string };
  pendingPolls?: number;
}

function notFound(uid: string): ScriptAnswer {
  return { status: 404, body: { message: `Index \`${uid}\` not found.`, code: 'index_not_found', type: 'invalid_request', link: 'https://docs.meilisearch.com/errors#index_not_found' } };
}

/** The scripted server: indexes with their settings and counts, a task queue, and every request received. */
export class MeiliScript {
  readonly requests: SentRequest[] = [];
  version = '1.18.0';
  /** Indexes that exist: uid → creation time, settings, document count. */
  readonly indexes = new Map<string, { createdAt: string; settings: Record<string, unknown>; ids: Set<string> }>();
  /** How tasks of a type end (by task type: `settingsUpdate`, `indexDeletion`…). */
  readonly taskScripts = new Map<string, TaskScript>();
  /** Answers tried before the script's own, by `METHOD /path` pattern (a test's override). */
  private readonly overrides: { method: string; path: RegExp; handler: Handler }[] = [];
  private readonly tasks: ScriptTask[] = [];
  private readonly agent = new MockAgent();
  private readonly previous: Dispatcher = getGlobalDispatcher();
  private clock = 0;

  constructor() {
    this.agent.disableNetConnect();
    setGlobalDispatcher(this.agent);
    this.agent
      .get(SCRIPT_HOST)
      .intercept({ path: () => true, method: () => true })
      .reply((opts) => {
        const path = String(opts.path);
        const body = typeof opts.body === 'string' && opts.body ? JSON.parse(opts.body) : undefined;
        const req: SentRequest = { method: opts.method, path, body, at: Date.now() };
        this.requests.push(req);
        const answer = this.answer(req);
        return { statusCode: answer.status, data: answer.body === undefined ? '' : JSON.stringify(answer.body), responseOptions: { headers: { 'content-type': 'application/json' } } };
      })
      .persist();
  }

  /** Answers `METHOD path` with `handler` first (return undefined to fall through to the script). */
  on(method: string, path: RegExp, handler: Handler): this {
    this.overrides.unshift({ method, path, handler });
    return this;
  }

  /** An index as it would be after a complete, correct rebuild (the test gives its settings). */
  addIndex(uid: string, settings: Record<string, unknown>, count = 0): void {
    const ids = new Set(Array.from({ length: count }, (_, i) => `old-${i}`));
    this.indexes.set(uid, { createdAt: `2026-01-01T00:00:${String(++this.clock).padStart(2, '0')}Z`, settings: { ...settings }, ids });
  }

  /** The number of documents an index holds. */
  count(uid: string): number | undefined {
    return this.indexes.get(uid)?.ids.size;
  }

  /** Requests whose `METHOD path` matches. */
  sent(method: string, path: RegExp): SentRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  async close(): Promise<void> {
    setGlobalDispatcher(this.previous);
    await this.agent.close();
  }

  private answer(req: SentRequest): ScriptAnswer {
    for (const o of this.overrides) {
      const match = req.path.match(o.path);
      if (o.method === req.method && match) {
        const answer = o.handler(req, match);
        if (answer) return answer;
      }
    }
    return this.scripted(req);
  }

  private task(indexUid: string | null, type: string, effect: () => void, failure?: TaskScript['fail']): ScriptAnswer {
    const script = this.taskScripts.get(type) ?? {};
    const fail = failure ?? script.fail;
    const error = fail ? { code: fail.code, message: fail.message ?? fail.code, type: 'internal', link: '' } : null;
    if (!error) effect();
    const task: ScriptTask = { uid: this.tasks.length, indexUid, type, status: error ? 'failed' : 'succeeded', error, pendingPolls: script.pendingPolls ?? 0 };
    this.tasks.push(task);
    return { status: 202, body: { taskUid: task.uid, indexUid, status: 'enqueued', type, enqueuedAt: new Date().toISOString() } };
  }

  private scripted(req: SentRequest): ScriptAnswer {
    const { method, path } = req;
    const route = `${method} ${path.split('?')[0]}`;
    let m: RegExpMatchArray | null;
    if (route === 'GET /version') return { status: 200, body: { pkgVersion: this.version, commitSha: 'x', commitDate: 'x' } };
    if (route === 'GET /health') return { status: 200, body: { status: 'available' } };
    if ((m = route.match(/^GET \/tasks\/(\d+)$/))) {
      const task = this.tasks[Number(m[1])]!;
      const status = task.pendingPolls-- > 0 ? 'enqueued' : task.status;
      return { status: 200, body: { ...task, status } };
    }
    if (route === 'GET /indexes') return { status: 200, body: { results: [...this.indexes.entries()].map(([uid, i]) => ({ uid, primaryKey: 'id', createdAt: i.createdAt, updatedAt: i.createdAt })), offset: 0, limit: 1000, total: this.indexes.size } };
    if (route === 'POST /indexes') {
      const { uid } = req.body as { uid: string };
      return this.task(uid, 'indexCreation', () => this.addIndex(uid, {}));
    }
    if (route === 'POST /swap-indexes') return this.swap(req.body as { indexes: [string, string]; rename: boolean }[]);
    if (route === 'POST /multi-search') {
      const queries = (req.body as { queries: { indexUid: string }[] }).queries;
      const missing = queries.find((q) => !this.indexes.has(q.indexUid));
      if (missing) return notFound(missing.indexUid);
      return { status: 200, body: { results: queries.map((q) => ({ indexUid: q.indexUid, hits: [], query: '', processingTimeMs: 0, totalHits: 0, facetDistribution: {} })) } };
    }
    if ((m = route.match(/^(\w+) \/indexes\/([^/]+)(\/.*)?$/))) return this.indexRoute(method, m[2]!, m[3] ?? '', req);
    return { status: 500, body: { message: `no script for ${route}`, code: 'internal', type: 'internal', link: '' } };
  }

  private swap(swaps: { indexes: [string, string]; rename: boolean }[]): ScriptAnswer {
    return this.task(null, 'indexSwap', () => {
      for (const { indexes: [a, b], rename } of swaps) {
        const left = this.indexes.get(a)!;
        const right = this.indexes.get(b);
        if (rename) this.indexes.delete(a);
        else this.indexes.set(a, right!);
        this.indexes.set(b, left);
      }
    });
  }

  private indexRoute(method: string, uid: string, rest: string, req: SentRequest): ScriptAnswer {
    const index = this.indexes.get(uid);
    if (method === 'DELETE' && rest === '') return this.task(uid, 'indexDeletion', () => this.indexes.delete(uid), index ? undefined : { code: 'index_not_found' });
    if (method === 'POST' && rest === '/documents') {
      return this.task(uid, 'documentAdditionOrUpdate', () => {
        if (!this.indexes.has(uid)) this.addIndex(uid, {});
        for (const doc of req.body as { id: string }[]) this.indexes.get(uid)!.ids.add(doc.id);
      });
    }
    if (!index) return notFound(uid);
    if (method === 'GET' && rest === '') return { status: 200, body: { uid, primaryKey: 'id', createdAt: index.createdAt, updatedAt: index.createdAt } };
    if (method === 'GET' && rest === '/settings') return { status: 200, body: index.settings };
    if (method === 'PATCH' && rest === '/settings') return this.task(uid, 'settingsUpdate', () => Object.assign(index.settings, req.body));
    if (method === 'GET' && rest === '/stats') return { status: 200, body: { numberOfDocuments: index.ids.size, isIndexing: false, fieldDistribution: {} } };
    if (method === 'POST' && rest === '/documents/delete-batch') return this.task(uid, 'documentDeletion', () => (req.body as string[]).forEach((id) => index.ids.delete(id)));
    return { status: 500, body: { message: `no script for ${method} ${uid}${rest}`, code: 'internal', type: 'internal', link: '' } };
  }
}
