/** The evaluation's figures per type and overall, the printed table, the failing queries and the floors. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../server/core/paths.js';
import type { QueryOutcome } from './judgement.js';

/** The figures of a group of queries; rates are fractions from 0 to 1, null when no query of the group has targets. */
export interface Figures {
  queries: number;
  /** Queries whose every judgement held (no judgement looks past the tenth hit). */
  passed: number;
  success1: number;
  success10: number;
  mrr: number | null;
  ndcg10: number | null;
  /** Queries with targets that answered nothing, out of the queries with targets. */
  zeroResultRate: number | null;
}

/** Figures per type (in the order given) and over every query. */
export interface Summary {
  byType: Record<string, Figures>;
  overall: Figures;
}

const mean = (values: number[]): number | null => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** The figures of a group of outcomes. */
export function figures(outcomes: QueryOutcome[]): Figures {
  const targeted = outcomes.filter((o) => o.reciprocalRank !== undefined);
  const passed = outcomes.filter((o) => o.pass).length;
  return {
    queries: outcomes.length,
    passed,
    success1: outcomes.length ? outcomes.filter((o) => o.success1).length / outcomes.length : 0,
    success10: outcomes.length ? passed / outcomes.length : 0,
    mrr: mean(targeted.map((o) => o.reciprocalRank!)),
    ndcg10: mean(targeted.map((o) => o.ndcg!)),
    zeroResultRate: targeted.length ? targeted.filter((o) => o.zeroResult).length / targeted.length : null,
  };
}

/** Figures per type, in the order of `types`, and overall. */
export function summarise(outcomes: QueryOutcome[], types: string[]): Summary {
  const byType: Record<string, Figures> = {};
  for (const type of types) byType[type] = figures(outcomes.filter((o) => o.type === type));
  return { byType, overall: figures(outcomes) };
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));
const lpad = (s: string, n: number) => ' '.repeat(Math.max(0, n - s.length)) + s;
const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
const dec = (v: number | null) => (v === null ? '–' : v.toFixed(3));

/** The table of figures: one row per type, then the overall row. */
export function figuresTable(summary: Summary): string {
  const head = pad('type', 14) + lpad('queries', 8) + lpad('success@1', 11) + lpad('success@10', 12) + lpad('MRR', 8) + lpad('nDCG@10', 9) + lpad('zero-result', 13);
  const row = (name: string, f: Figures) =>
    pad(name, 14) + lpad(String(f.queries), 8) + lpad(pct(f.success1), 11) + lpad(pct(f.success10), 12) + lpad(dec(f.mrr), 8) + lpad(dec(f.ndcg10), 9) + lpad(pct(f.zeroResultRate), 13);
  const rows = Object.entries(summary.byType).map(([type, f]) => row(type, f));
  return [head, ...rows, '-'.repeat(head.length), row('overall', summary.overall)].join('\n');
}

/** One line per query: its id, text, total and first three hits, and the judgement it was held to. */
export function outcomeLine(o: QueryOutcome, why?: string): string {
  const got = o.total === 0 ? 'nothing' : `${o.total} hits; top 3: ${o.top3.map((n, i) => `${i + 1}. ${n}`).join('  ')}`;
  return `${o.pass ? 'pass' : 'FAIL'}  ${o.id}  ${JSON.stringify(o.q)}  → ${got}${why ? `\n      expected: ${why}` : ''}`;
}

/** The least each type must reach, as fractions: success@10 for every type, success@1 for some. */
export interface Floors {
  'success@10': Record<string, number>;
  'success@1': Record<string, number>;
}

/** The floors the relevance test holds, from `scripts/eval/floors.json`. */
export function loadFloors(): Floors {
  return JSON.parse(readFileSync(join(ROOT, 'scripts', 'eval', 'floors.json'), 'utf8')) as Floors;
}

/** A type under one of its floors, and which. */
export interface Shortfall {
  type: string;
  message: string;
}

/** Every type under one of its floors (or without a floor of success@10); empty when all hold. */
export function shortfalls(summary: Summary, floors: Floors): Shortfall[] {
  const out: Shortfall[] = [];
  for (const [type, f] of Object.entries(summary.byType)) {
    const at10 = floors['success@10'][type];
    if (at10 === undefined) out.push({ type, message: `${type}: no floor of success@10 in floors.json` });
    else if (f.success10 < at10) out.push({ type, message: `${type}: success@10 ${pct(f.success10)} is under its floor of ${pct(at10)}` });
    const at1 = floors['success@1'][type];
    if (at1 !== undefined && f.success1 < at1) out.push({ type, message: `${type}: success@1 ${pct(f.success1)} is under its floor of ${pct(at1)}` });
  }
  return out;
}
