/**
 * The import part of `npm run load`: an editor imports 100,000 new listings from one CSV file (about 3.5 MB)
 * while visitors keep searching; the visitors' search times are kept apart for during and just after the import.
 */
import { VOCAB } from '../server/collections/vocab.js';
import { AdminClient } from './bench/admin-client.js';
import { getJson } from './bench/child.js';
import { EndpointStats } from './bench/measure.js';

export const IMPORT_ROWS = 100_000;
/** How long after the import visitors' searches are still counted apart: the first searches read the new listings. */
const AFTER_MS = 5000;

/** What the import phase measured. */
export interface ImportFigures {
  rows: number;
  fileMb: number;
  seconds: number;
  stored: number;
  during: EndpointStats;
  after: EndpointStats;
  error?: string;
  /** The first failed searches, as they failed. */
  failures: string[];
}

/** A CSV of `rows` new experts with the columns a form requires: short, so that 100,000 fit the upload limit. */
export function importFile(rows: number): string {
  const counties = VOCAB.county;
  const fields = ['cotton', 'digital', 'seed-industry', 'livestock', 'coal-chemistry'];
  const categories = ['academician', 'expert', 'advisor'];
  const lines = ['name,county,fields,category'];
  for (let i = 1; i <= rows; i++) lines.push(`导入${i},${counties[i % counties.length]},${fields[i % 5]},${categories[i % 3]}`);
  return lines.join('\n') + '\n';
}

/** Visitors searching in a loop until `stop` resolves; each answer is counted in the window it started in. */
interface Windows {
  during: EndpointStats;
  after: EndpointStats;
  failures: string[];
}

async function visitor(baseUrl: string, paths: string[], offset: number, windows: Windows, clock: { end?: number; stop: boolean }): Promise<void> {
  for (let n = offset; !clock.stop; n++) {
    const started = performance.now();
    const window = clock.end === undefined ? windows.during : windows.after;
    const path = `/api/search${paths[n % paths.length]}`;
    try {
      const res = await fetch(baseUrl + path, { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      window.record(res.status, performance.now() - started);
      if (res.status !== 200 && windows.failures.length < 10) windows.failures.push(`${path} answered ${res.status}`);
    } catch (err) {
      window.fail();
      if (windows.failures.length < 10) windows.failures.push(`${path}: ${(err as Error).message} ${String((err as Error).cause ?? '')}`);
    }
  }
}

/** Polls the import's page until it answers with the listings (done) or a report (refused); returns an error or nothing. */
async function awaitImport(admin: AdminClient, answer: Response): Promise<string | undefined> {
  let res = answer;
  for (;;) {
    const location = res.headers.get('location') ?? '';
    if (res.status === 303 && location === '/admin/listings/experts') return undefined;
    if (res.status !== 303 && res.status !== 200) return `the import answered ${res.status}`;
    const html = await res.text();
    if (res.status === 200 && !html.includes('http-equiv="refresh"')) return 'the import ended with a report instead of the listings';
    await new Promise((resolve) => setTimeout(resolve, 500));
    res = await admin.request('GET', location || new URL(res.url).pathname);
  }
}

/** Runs the import with `visitors` searching meanwhile. */
export async function importUnderSearch(baseUrl: string, credentials: [string, string], paths: string[], visitors = 4): Promise<ImportFigures> {
  const content = importFile(IMPORT_ROWS);
  const admin = new AdminClient(baseUrl, 120_000);
  await admin.signIn(...credentials);
  const before = (await getJson<{ total: number }>(baseUrl, '/api/experts?perPage=1&facets=false')).total;
  const windows: Windows = { during: new EndpointStats(), after: new EndpointStats(), failures: [] };
  const clock: { end?: number; stop: boolean } = { stop: false };
  const searching = Promise.all(Array.from({ length: visitors }, (_, i) => visitor(baseUrl, paths, i * 17, windows, clock)));
  const started = performance.now();
  let error: string | undefined;
  try {
    error = await awaitImport(admin, await admin.upload('experts', { name: 'experts-100000.csv', content }, 'commit'));
  } catch (err) {
    error = `${(err as Error).message} ${String((err as Error).cause ?? '')}`;
  }
  clock.end = performance.now();
  windows.during.seconds = (clock.end - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, AFTER_MS));
  clock.stop = true;
  await searching;
  windows.after.seconds = AFTER_MS / 1000;
  const stored = (await getJson<{ total: number }>(baseUrl, '/api/experts?perPage=1&facets=false')).total - before;
  return { rows: IMPORT_ROWS, fileMb: Buffer.byteLength(content) / 1048576, seconds: windows.during.seconds, stored, ...windows, error };
}

/** Prints the import's figures; true when every row was stored and no search failed. */
export function reportImport(f: ImportFigures, peakMb: number | undefined): boolean {
  const line = (label: string, s: EndpointStats) => {
    const x = s.summary();
    return `  visitors' searches ${label}: ${x.requests} (${x.rps.toFixed(1)}/s), p50 ${x.p50} ms, p99 ${x.p99} ms, errors ${x.errors}`;
  };
  console.log(`\nimport of ${f.rows.toLocaleString('en')} experts (${f.fileMb.toFixed(1)} MB CSV) while visitors search: ${f.seconds.toFixed(1)} s, ${f.stored.toLocaleString('en')} stored${f.error ? ` — ${f.error}` : ''}`);
  console.log(line('during the import', f.during));
  console.log(line(`in the ${AFTER_MS / 1000} s after it`, f.after));
  console.log(`  server peak memory with the import: ${peakMb ?? '?'} MB`);
  if (f.failures.length) console.log(`  failed searches:\n    ${f.failures.join('\n    ')}`);
  return !f.error && f.stored === f.rows && f.during.errors === 0 && f.after.errors === 0;
}
