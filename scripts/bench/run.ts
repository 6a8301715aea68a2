/**
 * `npm run bench`: builds synthetic directories of 1,000, 10,000 and 100,000 listings, serves each with the
 * production server and drives it with autocannon, alternating the endpoints round by round; prints the
 * speed table and the ratios held to targets, and writes the figures to `.bench/results/`. Besides the fixed
 * mix of `queries.json`, the judged query set of `scripts/eval/queries` is a second mix, answered with nothing kept.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../../server/core/paths.js';
import { loadJudgedSet, searchParams } from '../eval/judged-set.js';
import { getJson, peakMemoryMb, runNode, whenListening, type ServerChild } from './child.js';
import { BENCH_DIR, benchDatabase } from './directories.js';
import { drive, EndpointStats } from './measure.js';
import { ENDPOINTS, ratioTable, ratioVerdicts, speedTable, type EndpointName, type SizeResult } from './report.js';

type Query = Record<string, string>;
interface QueryMix {
  twoCharacter: Query[];
  longerChinese: Query[];
  [group: string]: Query[];
}

/** The query parameter that asks the search API to leave facet counts out. */
const NO_FACETS = { facets: 'false' };

/** Endpoints measured on a second server that keeps no match sets between searches. */
const NOTHING_KEPT: EndpointName[] = ['nothingKept', 'judgedNothingKept'];

interface Settings {
  sizes: number[];
  seconds: number;
  rounds: number;
  connections: number;
}

function settings(): Settings {
  const { values } = parseArgs({
    options: { sizes: { type: 'string' }, seconds: { type: 'string' }, rounds: { type: 'string' }, connections: { type: 'string' } },
  });
  const sizes = (values.sizes ?? '1000,10000,100000').split(',').map(Number);
  const s = { sizes, seconds: Number(values.seconds ?? 5), rounds: Number(values.rounds ?? 2), connections: Number(values.connections ?? 10) };
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !(s.seconds > 0) || !(s.rounds >= 1) || !(s.connections >= 1)) {
    throw new Error('usage: npm run bench -- [--sizes 1000,10000,100000] [--seconds 5] [--rounds 2] [--connections 10]');
  }
  return s;
}

/** The paths of every measured endpoint, from the committed query mix. */
function endpointPaths(): Record<EndpointName, string[]> {
  const mix = JSON.parse(readFileSync(join(ROOT, 'scripts', 'bench', 'queries.json'), 'utf8')) as QueryMix;
  const all = Object.values(mix).flat();
  const paths = (prefix: string, list: Record<string, string>[], extra = {}) => list.map((p) => `${prefix}?${new URLSearchParams({ ...p, ...extra })}`);
  return {
    bare: ['/__bench/bare'],
    search: paths('/api/search', all),
    html: paths('/search', all),
    noFacets: paths('/api/search', all, NO_FACETS),
    twoCharacter: paths('/api/search', mix.twoCharacter),
    longerChinese: paths('/api/search', mix.longerChinese),
    nothingKept: paths('/api/search', all),
    // Hundreds of different queries (scripts/eval/queries): a figure that no small repeated mix can flatter.
    judgedNothingKept: loadJudgedSet().flatMap((t) => t.queries.map((q) => `/api/search?${searchParams(q)}`)),
  };
}

/** Every search of the mix must answer 200 (hits counted); a benchmark of errors would measure nothing. */
async function checkAnswers(server: ServerChild, paths: Record<EndpointName, string[]>): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const path of paths.search) totals[decodeURIComponent(path)] = (await getJson<{ total: number }>(server.baseUrl, path)).total;
  for (const path of paths.judgedNothingKept) await getJson(server.baseUrl, path);
  for (const path of paths.html) {
    const res = await fetch(server.baseUrl + path, { signal: AbortSignal.timeout(10_000) });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  }
  return totals;
}

/** True when the API leaves facet counts out on request; otherwise "without facets" cannot be measured. */
async function facetsCanBeLeftOut(server: ServerChild, path: string): Promise<boolean> {
  const { facets } = await getJson<{ facets?: Record<string, Record<string, number>> }>(server.baseUrl, path);
  return !facets || Object.values(facets).every((counts) => Object.keys(counts).length === 0);
}

/** Warms every endpoint up, then drives them in turn, round after round, so drift hits them all alike. */
async function driveRounds(baseUrl: string, names: EndpointName[], paths: Record<EndpointName, string[]>, s: Settings, size: number) {
  const stats = Object.fromEntries(names.map((n) => [n, new EndpointStats()])) as Record<EndpointName, EndpointStats>;
  for (const name of names) await drive({ baseUrl, paths: paths[name], seconds: 1, connections: s.connections });
  for (let round = 1; round <= s.rounds; round++) {
    for (const name of names) {
      console.log(`  ${size} listings, round ${round}/${s.rounds}: ${ENDPOINTS[name]}`);
      await drive({ baseUrl, paths: paths[name], seconds: s.seconds, connections: s.connections }, stats[name]);
    }
  }
  return Object.fromEntries(names.map((n) => [n, stats[n].summary()]));
}

/** Rebuilds the whole index inside the server and returns how long it took, in ms. */
async function timeReindex(baseUrl: string): Promise<number> {
  const res = await fetch(`${baseUrl}/__bench/reindex`, { method: 'POST', signal: AbortSignal.timeout(30 * 60_000) });
  if (!res.ok) throw new Error(`reindex answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { ms: number }).ms;
}

/** The production server on `db`; `env` adds to its environment. */
function startServer(db: string, env: Record<string, string> = {}): Promise<ServerChild> {
  return whenListening(runNode('dist/scripts/bench/server.js', [], { NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_PATH: db, SEED: 'off', HOST: '127.0.0.1', PORT: '0', ...env }), 10 * 60_000);
}

/**
 * The fixed mix and the judged set on a server that keeps no match sets between searches (`SEARCH_CACHE_MB=0`):
 * what a search costs when none of its terms was asked since the last change to the index.
 */
async function measureNothingKept(db: string, s: Settings, paths: Record<EndpointName, string[]>, size: number) {
  const server = await startServer(db, { SEARCH_CACHE_MB: '0' });
  try {
    return await driveRounds(server.baseUrl, NOTHING_KEPT, paths, s, size);
  } finally {
    await server.stop('SIGTERM');
  }
}

async function measureSize(size: number, s: Settings, paths: Record<EndpointName, string[]>, isLargest: boolean): Promise<SizeResult> {
  const db = await benchDatabase(size, console.log);
  const server = await startServer(db);
  try {
    const result: SizeResult = { size, endpoints: {}, totals: await checkAnswers(server, paths) };
    let names = (Object.keys(ENDPOINTS) as EndpointName[]).filter((n) => !NOTHING_KEPT.includes(n));
    const [probe] = paths.noFacets;
    if (!probe || !(await facetsCanBeLeftOut(server, probe))) {
      names = names.filter((n) => n !== 'noFacets');
      result.notes = [`/api/search computes facets on every answer (${new URLSearchParams(NO_FACETS)} is ignored), so "without facets" was not measured`];
    }
    result.endpoints = await driveRounds(server.baseUrl, names, paths, s, size);
    result.peakMemoryMb = peakMemoryMb(server.pid);
    if (isLargest) {
      console.log(`  reindexing ${size} listings`);
      result.reindexMs = await timeReindex(server.baseUrl);
      result.peakMemoryWithReindexMb = peakMemoryMb(server.pid);
    }
    await server.stop('SIGTERM');
    Object.assign(result.endpoints, await measureNothingKept(db, s, paths, size));
    return result;
  } finally {
    await server.stop('SIGTERM');
  }
}

function machine() {
  return { cpu: cpus()[0]?.model ?? 'unknown', cores: availableParallelism(), memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform };
}

async function main(): Promise<void> {
  const s = settings();
  const paths = endpointPaths();
  const started = new Date();
  const results: SizeResult[] = [];
  const m = machine();
  console.log(`benchmark: ${s.sizes.join(', ')} listings; ${s.rounds} rounds of ${s.seconds} s per endpoint, ${s.connections} connections; ${m.cpu}, ${m.cores} cores, Node ${m.node}`);
  for (const size of s.sizes) results.push(await measureSize(size, s, paths, size === Math.max(...s.sizes)));

  console.log('\n' + speedTable(results) + '\n\n' + ratioTable(results) + '\n');
  for (const note of new Set(results.flatMap((r) => r.notes ?? []))) console.log(`note: ${note}`);
  const dir = join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  const report = { startedAt: started.toISOString(), seconds: Math.round((Date.now() - started.getTime()) / 1000), machine: m, settings: s, results, ratios: ratioVerdicts(results) };
  const file = join(dir, `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`figures written to ${file}`);
}

await main();
