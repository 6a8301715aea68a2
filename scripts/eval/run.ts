/**
 * `npm run eval:search`: runs the judged query set on the seeded directory and prints, per type and overall,
 * success@1, success@10, MRR, nDCG@10 and the zero-result rate, then every failing query with its top 3.
 * Writes the figures to `.bench/results/eval-search-<timestamp>.json`. Exits non-zero only on an error.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../../server/core/paths.js';
import { evaluateJudgedSet } from './evaluate.js';
import { figuresTable, outcomeLine, type Figures } from './report.js';

const USAGE = 'usage: npm run eval:search -- [--type <type>] [--verbose] [--queries <folder of query files>]';

function options(): { type?: string; verbose: boolean; dir?: string } {
  try {
    const { values } = parseArgs({ options: { type: { type: 'string' }, verbose: { type: 'boolean', default: false }, queries: { type: 'string' } } });
    return { type: values.type, verbose: values.verbose ?? false, dir: values.queries === undefined ? undefined : resolve(values.queries) };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

/** The product's target for the set: 95% success@10 and no query with targets answering nothing. */
function targetLine(overall: Figures, zeroResults: number): string {
  const met = overall.success10 >= 0.95 && zeroResults === 0;
  const figure = `${(overall.success10 * 100).toFixed(1)}% success@10, ${zeroResults} queries with targets answered nothing`;
  return `target (success@10 ≥ 95%, no zero result with a target): ${met ? 'met' : 'MISSED'} (${figure})`;
}

async function main(): Promise<void> {
  const opts = options();
  const started = new Date();
  const { outcomes, summary, why } = await evaluateJudgedSet({ type: opts.type, dir: opts.dir });

  const shown = opts.verbose ? outcomes : outcomes.filter((o) => !o.pass);
  console.log(figuresTable(summary));
  if (shown.length) {
    console.log(`\n${opts.verbose ? 'every query' : `failing queries (${shown.length})`}:`);
    for (const o of shown) console.log(outcomeLine(o, o.pass ? undefined : why[o.id]));
  }
  console.log(`\n${targetLine(summary.overall, outcomes.filter((o) => o.zeroResult).length)}`);

  const dir = join(ROOT, '.bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `eval-search-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  const seconds = (Date.now() - started.getTime()) / 1000;
  const report = { startedAt: started.toISOString(), seconds, queries: opts.dir ?? 'scripts/eval/queries', type: opts.type ?? null, summary, outcomes };
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nfigures written to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
