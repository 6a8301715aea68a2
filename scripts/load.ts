/**
 * `npm run load [-- --seconds 60]`: mixed traffic against the production server on a fresh seeded database —
 * mostly searches, some pages, some staff edits through the back-office forms — then every acknowledged
 * write is read back; then an editor imports 100,000 listings while visitors search. Exits non-zero on any
 * error, any lost write or row, or memory that keeps growing or passes the cap.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Rng } from '../seeds/generator/random.js';
import { COLLECTION_NAMES, type ListingInput } from '../server/collections/define.js';
import { ROOT } from '../server/core/paths.js';
import { AdminClient } from './bench/admin-client.js';
import { getJson, peakMemoryMb, runNode, whenListening } from './bench/child.js';
import { EndpointStats } from './bench/measure.js';
import { syntheticInput } from './bench/synthetic.js';
import { importUnderSearch, reportImport } from './load-import.js';

/** The server's resident memory (MB): once a second during the run, and its peak. */
interface Memory {
  samples: number[];
  first?: number;
  last?: number;
  peak?: number;
}

type OpName = 'search' | 'searchPage' | 'listingPage' | 'create' | 'update';

/** What a worker wrote and the server acknowledged: the listing must read back exactly so. */
interface Written {
  collection: string;
  id: number;
  version: number;
  input: ListingInput;
}

interface Options {
  seconds: number;
  workers: number;
  maxMemoryMb: number;
}

function options(): Options {
  const { values } = parseArgs({ options: { seconds: { type: 'string' }, workers: { type: 'string' }, 'max-memory': { type: 'string' } } });
  const o = { seconds: Number(values.seconds ?? 60), workers: Number(values.workers ?? 8), maxMemoryMb: Number(values['max-memory'] ?? 400) };
  if (!(o.seconds > 0 && o.seconds <= 3600 && o.workers >= 1 && o.workers <= 64 && o.maxMemoryMb > 0)) {
    throw new Error('usage: npm run load -- [--seconds 60 (at most 3600)] [--workers 8] [--max-memory 400]');
  }
  return o;
}

/** The committed query mix of the benchmark, as search API paths. */
function searchPaths(): string[] {
  const mix = JSON.parse(readFileSync(join(ROOT, 'scripts', 'bench', 'queries.json'), 'utf8')) as Record<string, Record<string, string>[]>;
  return Object.values(mix).flat().map((p) => `?${new URLSearchParams(p)}`);
}

class Traffic {
  readonly stats = Object.fromEntries((['search', 'searchPage', 'listingPage', 'create', 'update'] as OpName[]).map((n) => [n, new EndpointStats()])) as Record<OpName, EndpointStats>;
  readonly written = new Map<string, Written>();
  readonly errors: string[] = [];
  private readonly queries = searchPaths();
  private signIns: Promise<void> = Promise.resolve();

  constructor(private readonly baseUrl: string) {}

  private failed(op: OpName, message: string, answered = false): void {
    if (!answered) this.stats[op].fail();
    if (this.errors.length < 20) this.errors.push(`${op}: ${message}`);
  }

  private async get(op: OpName, path: string): Promise<void> {
    const started = performance.now();
    try {
      const res = await fetch(this.baseUrl + path, { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      this.stats[op].record(res.status, performance.now() - started);
      if (res.status !== 200) this.failed(op, `GET ${path} answered ${res.status}`, true);
    } catch (err) {
      this.failed(op, `GET ${path}: ${(err as Error).message}`);
    }
  }

  private async write(admin: AdminClient, rng: Rng, worker: number, n: number, mine: Written[]): Promise<void> {
    const op: OpName = mine.length < 3 || rng.chance(0.4) ? 'create' : 'update';
    const started = performance.now();
    try {
      if (op === 'create') {
        const collection = rng.pick(COLLECTION_NAMES);
        const input = { ...syntheticInput(rng, collection, 9), nameEn: `Load test ${worker}-${n}`, summaryEn: `written by worker ${worker}` };
        const id = await admin.create(collection, input);
        const written = { collection, id, version: 1, input };
        mine.push(written);
        this.written.set(`${collection}/${id}`, written);
      } else {
        const target = rng.pick(mine);
        const input = { ...target.input, summaryEn: `revision ${n} by worker ${worker}` };
        await admin.update(target.collection, target.id, input, target.version);
        Object.assign(target, { version: target.version + 1, input });
      }
      this.stats[op].record(200, performance.now() - started);
    } catch (err) {
      this.failed(op, (err as Error).message);
    }
  }

  /** One worker: its own staff session, its own listings, operations drawn until the deadline. */
  async worker(index: number, deadline: number, credentials: [string, string]): Promise<void> {
    const rng = new Rng(`load:${index}`);
    const admin = new AdminClient(this.baseUrl);
    // One after the other: sign-ins still being checked count against the account's limit, as guesses would.
    this.signIns = this.signIns.then(() => admin.signIn(...credentials));
    await this.signIns;
    const mine: Written[] = [];
    for (let n = 0; Date.now() < deadline && n < 10_000_000; n++) {
      const roll = rng.float();
      if (roll < 0.8) await this.get('search', '/api/search' + rng.pick(this.queries));
      else if (roll < 0.87) await this.get('searchPage', '/search' + rng.pick(this.queries));
      else if (roll < 0.92) await this.get('listingPage', `/platforms/${rng.int(1, 166)}`);
      else await this.write(admin, rng, index, n, mine);
    }
  }

  /** Reads every acknowledged write back through the public API; returns what is missing or different. */
  async lostWrites(): Promise<string[]> {
    const lost: string[] = [];
    for (const [key, w] of this.written) {
      try {
        const got = await getJson<Record<string, unknown>>(this.baseUrl, `/api/${key}`);
        const same = got.version === w.version && got.name === w.input.name && got.nameEn === w.input.nameEn && got.summaryEn === w.input.summaryEn;
        if (!same) lost.push(`${key}: read back version ${String(got.version)}, acknowledged ${w.version}`);
      } catch (err) {
        lost.push(`${key}: ${(err as Error).message}`);
      }
    }
    return lost;
  }
}

function rssMb(pid: number): number | undefined {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m);
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** Memory that keeps growing is a leak: the last third of the run may not rise above the middle third by more than this. */
const MAX_LATE_GROWTH = 1.1;

/** Highest sample of the last third of the run over the highest of the middle third (1 when too short to tell). */
function plateauGrowth(samples: number[]): number {
  const third = Math.floor(samples.length / 3);
  if (third < 3) return 1;
  return Math.max(...samples.slice(-third)) / Math.max(...samples.slice(third, 2 * third));
}

function report(traffic: Traffic, o: Options, memory: Memory, lost: string[], pending: number): boolean {
  console.log(`\n${'operation'.padEnd(14)}${'requests'.padStart(10)}${'req/s'.padStart(8)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(8)}`);
  for (const [name, s] of Object.entries(traffic.stats)) {
    const x = s.summary();
    console.log(`${name.padEnd(14)}${String(x.requests).padStart(10)}${(x.requests / o.seconds).toFixed(1).padStart(8)}${String(x.p50).padStart(9)}${String(x.p99).padStart(9)}${String(x.errors).padStart(8)}`);
  }
  const errors = Object.values(traffic.stats).reduce((n, s) => n + s.errors, 0);
  const growth = plateauGrowth(memory.samples);
  const memoryOk = memory.peak !== undefined && memory.peak <= o.maxMemoryMb && growth <= MAX_LATE_GROWTH;
  console.log(`\nerrors: ${errors}${traffic.errors.length ? '\n  ' + traffic.errors.join('\n  ') : ''}`);
  console.log(`acknowledged writes: ${traffic.written.size} listings; lost or different on read-back: ${lost.length}${lost.length ? '\n  ' + lost.slice(0, 20).join('\n  ') : ''}`);
  console.log(`index jobs still pending after the run: ${pending}`);
  console.log(`server memory: ${memory.first ?? '?'} MB resident after sign-in, ${memory.last ?? '?'} MB at the end, peak ${memory.peak ?? '?'} MB (cap ${o.maxMemoryMb} MB)`);
  console.log(`  resident every 5 s (MB): ${memory.samples.filter((_, i) => i % 5 === 4).join(' ')}`);
  console.log(`  highest in the last third ÷ highest in the middle third: ${growth.toFixed(2)} (bounded when at most ${MAX_LATE_GROWTH})`);
  const ok = errors === 0 && lost.length === 0 && pending === 0 && memoryOk;
  console.log(ok ? 'load test passed' : 'load test FAILED');
  return ok;
}

async function waitForIndex(baseUrl: string): Promise<number> {
  let pending = Infinity;
  for (let i = 0; i < 150 && pending > 0; i++) {
    pending = (await getJson<{ pendingIndexJobs: number }>(baseUrl, '/healthz')).pendingIndexJobs;
    if (pending > 0) await new Promise((r) => setTimeout(r, 200));
  }
  return pending;
}

async function main(): Promise<void> {
  const o = options();
  const dir = mkdtempSync(join(tmpdir(), 'cjd-load-'));
  const credentials: [string, string] = ['load-admin', randomBytes(18).toString('base64url')];
  const env = { NODE_ENV: 'production', DATABASE_PATH: join(dir, 'directory.db'), SEED: 'auto', HOST: '127.0.0.1', PORT: '0', ADMIN_USERNAME: credentials[0], ADMIN_PASSWORD: credentials[1] };
  const server = await whenListening(runNode('dist/server/main.js', [], env));
  try {
    console.log(`load: ${o.seconds} s of mixed traffic from ${o.workers} workers against ${server.baseUrl} (pid ${server.pid})`);
    const traffic = new Traffic(server.baseUrl);
    const memory: Memory = { samples: [] };
    const sampler = setInterval(() => {
      memory.last = rssMb(server.pid);
      memory.first ??= memory.last;
      memory.samples.push(memory.last ?? 0);
    }, 1000);
    const deadline = Date.now() + o.seconds * 1000;
    await Promise.all(Array.from({ length: o.workers }, (_, i) => traffic.worker(i, deadline, credentials)));
    clearInterval(sampler);
    const pending = await waitForIndex(server.baseUrl);
    const lost = await traffic.lostWrites();
    memory.peak = peakMemoryMb(server.pid);
    if (!report(traffic, o, memory, lost, pending)) process.exitCode = 1;
    const imported = await importUnderSearch(server.baseUrl, credentials, searchPaths());
    const peakWithImport = peakMemoryMb(server.pid);
    const importOk = reportImport(imported, peakWithImport) && (peakWithImport ?? Infinity) <= o.maxMemoryMb;
    console.log(importOk ? 'import under load passed' : 'import under load FAILED');
    if (!importOk) process.exitCode = 1;
  } finally {
    await server.stop('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
