/**
 * `npm run eval:match`: builds the seeded directory in a temporary database, runs the judged needs through the
 * shortlist and prints success@5 and nDCG@5, overall and per industry, language and length, with the time each
 * shortlist took. `--verbose` lists each need's first five and whether they were judged relevant.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/core/config.js';
import { buildContext, type AppContext } from '../../server/context.js';
import { evaluateMatch, K, loadJudgedNeeds, type JudgedNeed } from './evaluate.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Each need's shortlist asked once over HTTP (`POST /api/needs/shortlist`), as the page's script asks: milliseconds each. */
async function httpTimes(ctx: AppContext, needs: JudgedNeed[]): Promise<number[]> {
  const server = createApp(ctx).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/needs/shortlist`;
  const times: number[] = [];
  try {
    for (const need of needs) {
      const started = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: need.text, fields: need.fields ?? [], county: need.county ?? '' }) });
      await res.json();
      if (!res.ok) throw new Error(`the shortlist API answered ${res.status}`);
      times.push(performance.now() - started);
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cjd-eval-match-'));
  const ctx = await buildContext(loadConfig({ DATABASE_PATH: join(dir, 'eval.db'), SEED: 'auto', SESSION_SECRET: 'e'.repeat(40), LOG_LEVEL: 'warn' }));
  try {
    const needs = loadJudgedNeeds();
    // The first shortlist loads the segmenter's dictionaries and warms SQLite's pages; it is not a firm's wait.
    const [warmUp] = needs;
    if (warmUp) await ctx.needs.shortlists.build({ text: warmUp.text, fields: [], county: null, collections: [] });
    const report = await evaluateMatch(ctx.needs.shortlists, needs);
    console.log(`judged needs: ${report.needs}   success@${K}: ${pct(report.successAt5)}   nDCG@${K}: ${report.ndcgAt5.toFixed(3)}`);
    console.log(`shortlist time: p50 ${report.tookMs.p50} ms, p95 ${report.tookMs.p95} ms, max ${report.tookMs.max} ms (engine ${ctx.search.health().engine})`);
    const http = await httpTimes(ctx, needs);
    const at = (p: number) => (http[Math.min(http.length - 1, Math.floor(p * http.length))] ?? NaN).toFixed(1);
    console.log(`over HTTP: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
    for (const [group, g] of Object.entries(report.groups).sort()) console.log(`  ${group.padEnd(28)} ${String(g.needs).padStart(3)}  success@${K} ${pct(g.successAt5).padStart(6)}  nDCG@${K} ${g.ndcgAt5.toFixed(3)}`);
    if (process.argv.includes('--verbose')) {
      for (const [i, r] of report.results.entries()) {
        const judged = needs[i]?.relevant ?? {};
        console.log(`${r.success ? 'ok  ' : 'MISS'} ${r.id.padEnd(22)} ndcg ${r.ndcg.toFixed(2)}  ${r.top.map((ref) => `${ref}${judged[ref] ? `(${judged[ref]})` : ''}`).join(' ')}`);
      }
    }
  } finally {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
