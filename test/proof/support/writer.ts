/**
 * A stream of listing writes through the real services (buildContext, ListingService, its audit and
 * index listeners), for tests that kill a writing process. Prints one `ack {json}` line per write, only
 * after its transaction has committed: every printed write must survive any crash.
 *
 * usage: node --import tsx test/proof/support/writer.ts --tag T --seed N --count N [--pace MS]
 * env:   DATABASE_PATH (an existing database)
 */
import { parseArgs } from 'node:util';
import { setImmediate as tick, setTimeout as sleep } from 'node:timers/promises';
import { syntheticInput } from '../../../scripts/bench/synthetic.js';
import { Rng } from '../../../seeds/generator/random.js';
import { COLLECTION_NAMES, type Listing } from '../../../server/collections/define.js';
import type { ListingService } from '../../../server/collections/listing-service.js';
import { loadConfig } from '../../../server/core/config.js';
import { buildContext } from '../../../server/context.js';

/** What a writer acknowledged: the listing as its transaction left it. */
export interface Ack {
  op: 'create' | 'update' | 'archive' | 'restore';
  collection: string;
  id: number;
  version: number;
  status: string;
  nameEn: string;
  summaryEn: string;
}

/** Parses the `ack` lines of a writer's output. */
export function parseAcks(lines: string[]): Ack[] {
  return lines.filter((l) => l.startsWith('ack ')).map((l) => JSON.parse(l.slice(4)) as Ack);
}

/** A word no other listing holds, so a search for it finds exactly this listing. */
export function probeWord(tag: string, n: number): string {
  return `probe${tag}x${n}`.toLowerCase();
}

function oneWrite(listings: ListingService, rng: Rng, tag: string, n: number, mine: Listing[]): Ack {
  const index = mine.length > 0 ? rng.int(0, mine.length - 1) : -1;
  const roll = rng.float();
  let op: Ack['op'];
  let after: Listing;
  if (index < 0 || roll < 0.5) {
    const collection = rng.pick(COLLECTION_NAMES);
    const input = { ...syntheticInput(rng, collection, 9), nameEn: `Crash ${probeWord(tag, n)}` };
    op = 'create';
    after = listings.create(collection, input, { actor: 'crash-test' });
    mine.push(after);
  } else {
    const { id, collection, createdAt: _c, updatedAt: _u, version, source: _s, status, ...editable } = mine[index]!;
    op = roll < 0.8 ? 'update' : status === 'active' ? 'archive' : 'restore';
    const opts = { actor: 'crash-test', version };
    after = op === 'update' ? listings.update(collection, id, { ...editable, summaryEn: `revision ${n}` }, opts) : listings[op](collection, id, opts);
    mine[index] = after;
  }
  const { collection, id, version, status, nameEn, summaryEn } = after;
  return { op, collection, id, version, status, nameEn, summaryEn };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tag: { type: 'string' }, seed: { type: 'string' }, count: { type: 'string' }, pace: { type: 'string' } } });
  const tag = values.tag ?? 'w';
  const count = Number(values.count ?? 1000);
  const pace = Number(values.pace ?? 0);
  const ctx = await buildContext(loadConfig({ ...process.env, SEED: 'off' }));
  const rng = new Rng(`writer:${tag}:${values.seed ?? 1}`);
  const mine: Listing[] = [];
  console.log('ready');
  for (let n = 0; n < count; n++) {
    const ack = oneWrite(ctx.listings, rng, tag, n, mine);
    process.stdout.write(`ack ${JSON.stringify(ack)}\n`);
    await (pace > 0 ? sleep(pace) : tick());
  }
  console.log('done');
  await ctx.close();
}

if (process.argv[1]?.endsWith('writer.ts')) await main();
