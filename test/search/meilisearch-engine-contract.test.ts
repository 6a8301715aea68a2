/** The engine contract against a real Meilisearch server, when MEILI_HOST names one (CI has none: skipped, and says so). */
import { Meilisearch } from 'meilisearch';
import { afterAll, describe } from 'vitest';
import { engineContract } from './support/engine-contract.js';
import { createSearchStack } from './support/stack.js';

const host = process.env.MEILI_HOST;
if (!host) console.log('Meilisearch engine contract skipped: MEILI_HOST not set');

describe.skipIf(!host)(host ? `the Meilisearch engine at ${host}` : 'the Meilisearch engine (skipped: MEILI_HOST not set)', () => {
  const indexes: string[] = [];
  afterAll(async () => {
    const client = new Meilisearch({ host: host!, apiKey: process.env.MEILI_API_KEY });
    for (const uid of indexes) await client.deleteIndex(uid).waitTask();
  });

  engineContract('meilisearch', () => {
    const uid = `contract_${process.pid}_${indexes.length}`;
    indexes.push(uid, `${uid}_rebuild`);
    return createSearchStack({ env: { MEILI_HOST: host!, MEILI_API_KEY: process.env.MEILI_API_KEY ?? '' }, meiliIndex: uid });
  });
});
