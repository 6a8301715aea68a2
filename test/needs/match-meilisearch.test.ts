/** The judged needs shortlisted from Meilisearch's answers, when MEILI_HOST names a server (CI has none: skipped, and says so). */
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeeds } from '../../seeds/load.js';
import { evaluateMatch } from '../../scripts/eval-match/evaluate.js';
import { ShortlistBuilder } from '../../server/needs/shortlist.js';
import { createSearchStack, type SearchStack } from '../search/support/stack.js';

const host = process.env.MEILI_HOST;
if (!host) console.log('Shortlists from Meilisearch skipped: MEILI_HOST not set');

describe.skipIf(!host)('shortlists built on Meilisearch', () => {
  const index = `needs_${process.pid}`;
  let stack: SearchStack;
  beforeAll(async () => {
    stack = createSearchStack({ env: { MEILI_HOST: host!, MEILI_API_KEY: process.env.MEILI_API_KEY ?? '' }, meiliIndex: index });
    loadSeeds(stack.db, stack.listings);
    await stack.settle();
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    const client = new Meilisearch({ host: host!, apiKey: process.env.MEILI_API_KEY });
    for (const uid of [index, `${index}_rebuild`]) await client.deleteIndex(uid).waitTask().catch(() => undefined);
  });

  it('when the judged needs are shortlisted from Meilisearch, then they hold the same floor as on the embedded engine', async () => {
    expect(stack.search.health().engine).toBe('meilisearch');
    const report = await evaluateMatch(new ShortlistBuilder(stack.search));
    expect(report.successAt5).toBeGreaterThanOrEqual(0.9);
    expect(report.ndcgAt5).toBeGreaterThanOrEqual(0.7);
  }, 120_000);
});
