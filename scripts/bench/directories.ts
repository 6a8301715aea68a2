/** Benchmark databases of synthetic directories, built once and kept under `.bench/db/` until their recipe changes. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../server/core/config.js';
import { buildContext, type AppContext } from '../../server/context.js';
import { MIGRATIONS_DIR, ROOT } from '../../server/core/paths.js';
import { GENERATOR_VERSION, writeSyntheticDirectory } from './synthetic.js';

export const BENCH_DIR = join(ROOT, '.bench');

/** The generator version and the schema: a change to either makes a new database. */
function recipeKey(): string {
  const hash = createHash('sha256').update(`generator ${GENERATOR_VERSION}\n`);
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  return hash.digest('hex').slice(0, 12);
}

/** Waits until the index has taken every job the writes queued (bounded: a stuck index fails the build). */
async function indexCaughtUp(ctx: AppContext, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (ctx.search.health().pendingIndexJobs > 0) {
    if (Date.now() > deadline) throw new Error(`the index still has ${ctx.search.health().pendingIndexJobs} pending jobs after ${timeoutMs} ms`);
    await sleep(200);
  }
}

async function build(file: string, total: number, log: (line: string) => void): Promise<void> {
  const ctx = await buildContext(loadConfig({ DATABASE_PATH: file, SEED: 'off' }));
  try {
    const started = performance.now();
    let next = total / 5;
    writeSyntheticDirectory(ctx.listings, total, (written) => {
      if (written < next && written < total) return;
      log(`  ${written} of ${total} listings written (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      while (next <= written) next += total / 5;
    });
    await indexCaughtUp(ctx, 20 * 60_000);
    log(`  ${total} listings written and indexed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await ctx.close();
  }
}

/** The path of a database holding a synthetic directory of `total` listings, building it on first use. */
export async function benchDatabase(total: number, log: (line: string) => void): Promise<string> {
  const dir = join(BENCH_DIR, 'db');
  const file = join(dir, `directory-${total}-${recipeKey()}.db`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  log(`building a synthetic directory of ${total} listings (kept in ${file} for later runs)`);
  await build(partial, total, log);
  renameSync(partial, file);
  return file;
}
