/** The benchmark's table, its ratios and the targets they are held to. */
import type { EndpointStats } from './measure.js';

export const ENDPOINTS = {
  bare: 'bare Express route',
  search: '/api/search (mix)',
  html: '/search page (mix)',
  noFacets: '/api/search, no facets',
  twoCharacter: '/api/search, 2-char zh',
  longerChinese: '/api/search, longer zh',
  nothingKept: '/api/search, nothing kept',
  judgedNothingKept: '/api/search, judged set, nothing kept',
} as const;
export type EndpointName = keyof typeof ENDPOINTS;

export interface SizeResult {
  size: number;
  endpoints: Partial<Record<EndpointName, ReturnType<EndpointStats['summary']>>>;
  /** Peak resident memory of the server while serving, MB. */
  peakMemoryMb?: number;
  reindexMs?: number;
  /** Peak resident memory of the server including the reindex, MB. */
  peakMemoryWithReindexMb?: number;
  /** Hits each query of the mix found, so a fast answer is known to be a real one. */
  totals: Record<string, number>;
  /** What could not be measured, and why. */
  notes?: string[];
}

type Check = { op: '>=' | '<='; limit: number };

interface Ratio {
  label: string;
  /** The ratio at one size (undefined when not measured). */
  at: (r: SizeResult, all: SizeResult[]) => number | undefined;
  /** None: shown for what it tells, not held to a target. */
  target?: Check;
  digits: number;
}

const ep = (r: SizeResult | undefined, name: EndpointName) => r?.endpoints[name];
const div = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? undefined : a / b);

export const RATIOS: Ratio[] = [
  { label: 'search ÷ bare route (req/s)', at: (r) => div(ep(r, 'search')?.rps, ep(r, 'bare')?.rps), target: { op: '>=', limit: 0.1 }, digits: 3 },
  { label: 'same, nothing kept between searches', at: (r) => div(ep(r, 'nothingKept')?.rps, ep(r, 'bare')?.rps), digits: 3 },
  { label: 'judged set, nothing kept ÷ bare route', at: (r) => div(ep(r, 'judgedNothingKept')?.rps, ep(r, 'bare')?.rps), digits: 3 },
  {
    label: 'search p99 ÷ p99 at the smallest size',
    at: (r, all) => div(ep(r, 'search')?.p99, ep(all[0], 'search')?.p99),
    target: { op: '<=', limit: 3 },
    digits: 2,
  },
  { label: 'with facets ÷ without (p50)', at: (r) => div(ep(r, 'search')?.p50, ep(r, 'noFacets')?.p50), target: { op: '<=', limit: 2 }, digits: 2 },
  { label: 'two-character ÷ longer zh (p50)', at: (r) => div(ep(r, 'twoCharacter')?.p50, ep(r, 'longerChinese')?.p50), target: { op: '<=', limit: 2 }, digits: 2 },
  { label: 'HTML ÷ JSON (req/s)', at: (r) => div(ep(r, 'html')?.rps, ep(r, 'search')?.rps), target: { op: '>=', limit: 0.6 }, digits: 2 },
  { label: 'full reindex (s)', at: (r) => (r.reindexMs === undefined ? undefined : r.reindexMs / 1000), target: { op: '<=', limit: 30 }, digits: 1 },
  { label: 'server peak memory, serving (MB)', at: (r) => r.peakMemoryMb, target: { op: '<=', limit: 300 }, digits: 0 },
  { label: 'server peak memory, with reindex (MB)', at: (r) => r.peakMemoryWithReindexMb, target: { op: '<=', limit: 300 }, digits: 0 },
];

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
const lpad = (s: string, n: number) => ' '.repeat(Math.max(0, n - [...s].length)) + s;
const fmt = (n: number | undefined, digits: number) => (n === undefined || Number.isNaN(n) ? '–' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));

/** The speed table: one row per size and endpoint. */
export function speedTable(results: SizeResult[]): string {
  const rows = [pad('listings', 10) + pad('endpoint', 40) + lpad('req/s', 10) + lpad('p50 ms', 10) + lpad('p99 ms', 10) + lpad('errors', 8)];
  for (const r of results) {
    for (const name of Object.keys(ENDPOINTS) as EndpointName[]) {
      const s = r.endpoints[name];
      if (!s) continue;
      rows.push(pad(fmt(r.size, 0), 10) + pad(ENDPOINTS[name], 40) + lpad(fmt(s.rps, 0), 10) + lpad(fmt(s.p50, 2), 10) + lpad(fmt(s.p99, 2), 10) + lpad(String(s.errors), 8));
    }
  }
  return rows.join('\n');
}

export interface RatioVerdict {
  label: string;
  values: Record<number, number | undefined>;
  target: string;
  /** Judged at the largest size: true met, false missed, undefined not measured or without a target. */
  met: boolean | undefined;
}

/** Every ratio at every size, judged against its target at the largest size. */
export function ratioVerdicts(results: SizeResult[]): RatioVerdict[] {
  const largest = results.at(-1);
  if (!largest) return [];
  return RATIOS.map((ratio) => {
    const values = Object.fromEntries(results.map((r) => [r.size, ratio.at(r, results)]));
    const v = ratio.at(largest, results);
    const t = ratio.target;
    const met = v === undefined || !t ? undefined : t.op === '>=' ? v >= t.limit : v <= t.limit;
    return { label: ratio.label, values, target: t ? `${t.op === '>=' ? '≥' : '≤'} ${t.limit}` : '–', met };
  });
}

/** The ratio table, with the target and a mark for the largest size. */
export function ratioTable(results: SizeResult[]): string {
  const digits = new Map(RATIOS.map((r) => [r.label, r.digits]));
  const head = pad('ratio', 40) + results.map((r) => lpad(fmt(r.size, 0), 10)).join('') + lpad('target', 9) + '  at ' + fmt(results.at(-1)?.size, 0);
  const rows = ratioVerdicts(results).map((v) => {
    const mark = v.target === '–' ? '' : v.met === undefined ? 'not measured' : v.met ? 'met' : 'MISSED';
    return pad(v.label, 40) + results.map((r) => lpad(fmt(v.values[r.size], digits.get(v.label)!), 10)).join('') + lpad(v.target, 9) + '  ' + mark;
  });
  return [head, ...rows].join('\n');
}
