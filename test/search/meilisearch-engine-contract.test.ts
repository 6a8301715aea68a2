/**
 * The engine contract, and the rebuild and recovery scenarios, against a real Meilisearch server when MEILI_HOST
 * names one (CI has none: skipped, and says so). The key in MEILI_API_KEY must be able to manage keys (the master
 * key): two scenarios refuse and restore a key of their own.
 */
import { Meilisearch } from 'meilisearch';
import { afterAll, describe } from 'vitest';
import { engineContract } from './support/engine-contract.js';
import { meiliScenarios } from './support/meili-scenarios.js';
import { createSearchStack } from './support/stack.js';

const host = process.env.MEILI_HOST;
const apiKey = process.env.MEILI_API_KEY || undefined;
if (!host) console.log('Meilisearch engine contract skipped: MEILI_HOST not set');

const prefix = `contract_${process.pid}_`;
let made = 0;
const newIndex = () => `${prefix}${made++}`;

describe.skipIf(!host)(host ? `the Meilisearch engine at ${host}` : 'the Meilisearch engine (skipped: MEILI_HOST not set)', () => {
  afterAll(async () => {
    // Every index a scenario made, with any temporary index a rebuild left.
    const client = new Meilisearch({ host: host!, apiKey });
    const { results } = await client.getRawIndexes({ limit: 1000 });
    for (const { uid } of results) if (uid.startsWith(prefix)) await client.deleteIndex(uid).waitTask({ timeout: 60_000 });
  });

  engineContract('meilisearch', () => createSearchStack({ env: { MEILI_HOST: host!, MEILI_API_KEY: apiKey ?? '' }, meiliIndex: newIndex() }));
  meiliScenarios({ host: host!, apiKey, newIndex });
});
