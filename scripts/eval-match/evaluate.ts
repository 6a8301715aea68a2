/** Scores shortlists against the judged needs of `needs.json`: success@5 and nDCG@5, overall and by group. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ShortlistBuilder } from '../../server/needs/shortlist.js';

/** A judged need: what a firm would write, and the partners an officer would recommend (2: squarely, 1: relevant). */
export interface JudgedNeed {
  id: string;
  industry: string;
  lang: 'zh' | 'en';
  length: 'short' | 'long';
  text: string;
  fields?: string[];
  county?: string;
  relevant: Record<string, number>;
}

/** One need's result: its top five and how they score. */
export interface NeedResult {
  id: string;
  top: string[];
  success: boolean;
  ndcg: number;
  tookMs: number;
}

/** The figures of a run. */
export interface MatchReport {
  needs: number;
  successAt5: number;
  ndcgAt5: number;
  groups: Record<string, { needs: number; successAt5: number; ndcgAt5: number }>;
  tookMs: { p50: number; p95: number; max: number };
  results: NeedResult[];
}

const HERE = dirname(fileURLToPath(import.meta.url));
export const K = 5;

/** The judged needs of the set. */
export function loadJudgedNeeds(path = join(HERE, 'needs.json')): JudgedNeed[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { needs: JudgedNeed[] }).needs;
}

function dcg(gains: number[]): number {
  return gains.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
}

/** nDCG@k of a ranking against graded judgements. */
export function ndcgAt(top: string[], relevant: Record<string, number>, k = K): number {
  const ideal = dcg(Object.values(relevant).sort((a, b) => b - a).slice(0, k));
  return ideal ? dcg(top.slice(0, k).map((ref) => relevant[ref] ?? 0)) / ideal : 0;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function summarise(results: NeedResult[]): { needs: number; successAt5: number; ndcgAt5: number } {
  const n = results.length || 1;
  return {
    needs: results.length,
    successAt5: results.filter((r) => r.success).length / n,
    ndcgAt5: results.reduce((s, r) => s + r.ndcg, 0) / n,
  };
}

/** The groups a need is reported under. */
function groupKeys(need: JudgedNeed): string[] {
  return [`industry:${need.industry}`, `lang:${need.lang}`, `length:${need.length}`];
}

/** Runs every judged need through the shortlist and scores its first five partners. */
export async function evaluateMatch(shortlists: ShortlistBuilder, needs = loadJudgedNeeds()): Promise<MatchReport> {
  const results: NeedResult[] = [];
  const byGroup: Record<string, NeedResult[]> = {};
  for (const need of needs) {
    const shortlist = await shortlists.build({ text: need.text, fields: need.fields ?? [], county: need.county ?? null, collections: [] });
    const top = shortlist.entries.slice(0, K).map((e) => `${e.collection}:${e.id}`);
    const result: NeedResult = { id: need.id, top, success: top.some((ref) => (need.relevant[ref] ?? 0) > 0), ndcg: ndcgAt(top, need.relevant), tookMs: shortlist.tookMs };
    results.push(result);
    for (const key of groupKeys(need)) (byGroup[key] ??= []).push(result);
  }
  const groups: MatchReport['groups'] = Object.fromEntries(Object.entries(byGroup).map(([key, members]) => [key, summarise(members)]));
  const took = results.map((r) => r.tookMs);
  return { ...summarise(results), groups, tookMs: { p50: percentile(took, 0.5), p95: percentile(took, 0.95), max: Math.max(...took) }, results };
}
