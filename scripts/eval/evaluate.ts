/**
 * Runs the judged query set against the seeded directory: a temporary database loaded with `seeds/data`, the app
 * serving it on a local port, every query sent to `GET /api/search` as a browser or a client would send it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.js';
import type { Listing } from '../../server/collections/define.js';
import { COLLECTIONS } from '../../server/collections/registry.js';
import { loadConfig } from '../../server/core/config.js';
import { buildContext, type AppContext } from '../../server/context.js';
import { loadJudgedSet, searchParams, type QueryType } from './judged-set.js';
import { ListingTable, resolveQuery, scoreAnswer, type Hit, type QueryOutcome, type ResolvedQuery } from './judgement.js';
import { summarise, type Summary } from './report.js';

/** The seeded directory served on a local port. */
interface SeededDirectory {
  baseUrl: string;
  ctx: AppContext;
  close(): Promise<void>;
}

async function openSeededDirectory(): Promise<SeededDirectory> {
  const dir = mkdtempSync(join(tmpdir(), 'cjd-eval-'));
  // The embedded engine on its own database, whatever the caller's environment says.
  const config = loadConfig({ DATABASE_PATH: join(dir, 'eval.db'), SEED: 'auto', SESSION_SECRET: 'e'.repeat(40), NODE_ENV: 'production', LOG_LEVEL: 'warn' });
  const ctx = await buildContext(config);
  await ctx.search.flush();
  const server: Server = await new Promise((resolve, reject) => {
    const s = createApp(ctx).listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    ctx,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every active listing, read from the listing tables (the seed data as stored), never from the search index. */
function storedListings(ctx: AppContext): Listing[] {
  const listings: Listing[] = [];
  for (const def of COLLECTIONS) {
    const ids = ctx.db.prepare<[], number>(`SELECT id FROM ${def.name} WHERE status = 'active' ORDER BY id`).pluck().all();
    for (const id of ids) listings.push(ctx.listings.get(def.name, id)!);
  }
  return listings;
}

/** The outcome of a run: every query's score and the figures. */
export interface Evaluation {
  types: QueryType[];
  outcomes: QueryOutcome[];
  summary: Summary;
  /** Why each query passes, by id (the judged set's own words). */
  why: Record<string, string>;
}

/** What to run: one type only, or everything; the committed set, or another set of files in the same format. */
export interface EvaluateOptions {
  type?: string;
  dir?: string;
}

/** Resolves every judgement of the set against the listings; throws on the first that names a missing listing or cannot pass. */
export function resolveJudgedSet(types: QueryType[], listings: Listing[]): ResolvedQuery[] {
  const table = new ListingTable(listings);
  return types.flatMap((t) => t.queries.map((q) => resolveQuery(q, table)));
}

/** True for an error body that names `q`: the API refusing the text itself (nothing to search for), an empty answer to a user. */
function refusesText(body: unknown): boolean {
  const details = (body as { error?: { details?: Record<string, unknown> } } | null)?.error?.details;
  return typeof details === 'object' && details !== null && 'q' in details;
}

async function ask(baseUrl: string, resolved: ResolvedQuery): Promise<QueryOutcome> {
  const res = await fetch(`${baseUrl}/api/search?${searchParams(resolved.query, 10)}`, { signal: AbortSignal.timeout(30_000) });
  if (res.status === 400) {
    const body: unknown = await res.clone().json().catch(() => null);
    if (refusesText(body)) return scoreAnswer(resolved, [], 0);
  }
  if (res.status !== 200) throw new Error(`${resolved.query.id} (${JSON.stringify(resolved.query.q)}): GET /api/search answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const body = (await res.json()) as { total: number; hits: Hit[] };
  return scoreAnswer(resolved, body.hits, body.total);
}

/** Runs the judged set (or one type of it) on a freshly seeded directory and scores every answer. */
export async function evaluateJudgedSet(options: EvaluateOptions = {}): Promise<Evaluation> {
  const all = loadJudgedSet(options.dir);
  const types = options.type === undefined ? all : all.filter((t) => t.type === options.type);
  if (types.length === 0) throw new Error(`no query type "${options.type}"; the types are: ${all.map((t) => t.type).join(', ')}`);
  const directory = await openSeededDirectory();
  try {
    const resolved = resolveJudgedSet(types, storedListings(directory.ctx));
    const outcomes: QueryOutcome[] = [];
    for (const r of resolved) outcomes.push(await ask(directory.baseUrl, r));
    const why = Object.fromEntries(types.flatMap((t) => t.queries.map((q) => [q.id, q.why])));
    return { types, outcomes, summary: summarise(outcomes, types.map((t) => t.type)), why };
  } finally {
    await directory.close();
  }
}
