/**
 * Deterministic synthetic directories of any size, shaped like the seeds: each listing recombines seed
 * records of its collection (name pieces, county, fields, numbers) with a fixed-seed generator.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { Rng } from '../../seeds/generator/random.js';
import { COLLECTION_NAMES, type CollectionName, type ListingInput } from '../../server/collections/define.js';
import type { ListingService } from '../../server/collections/listing-service.js';
import { VOCAB } from '../../server/collections/vocab.js';
import { SEEDS_DIR } from '../../server/core/paths.js';

/** Bumped whenever the output changes, so cached benchmark databases are rebuilt. */
export const GENERATOR_VERSION = 1;

type Template = ListingInput & { name: string; nameEn: string; fields: string[] };

const templates = new Map<CollectionName, Template[]>();

/** The seed records of a collection without their bookkeeping, as listing inputs. */
export function seedTemplates(collection: CollectionName): Template[] {
  let list = templates.get(collection);
  if (!list) {
    const raw = JSON.parse(readFileSync(join(SEEDS_DIR, `${collection}.json`), 'utf8')) as (Template & { source?: string; status?: string })[];
    list = raw.map(({ source: _s, status: _st, ...input }) => input as Template);
    templates.set(collection, list);
  }
  return list;
}

/** How many listings of each collection a directory of `total` holds: the seeds' proportions. */
export function collectionSizes(total: number): Record<CollectionName, number> {
  const seedCounts = COLLECTION_NAMES.map((c) => [c, seedTemplates(c).length] as const);
  const seedTotal = seedCounts.reduce((sum, [, count]) => sum + count, 0);
  const sizes = Object.fromEntries(seedCounts.map(([c, count]) => [c, Math.floor((total * count) / seedTotal)])) as Record<CollectionName, number>;
  sizes[COLLECTION_NAMES[0]] += total - Object.values(sizes).reduce((a, b) => a + b, 0);
  return sizes;
}

function romanise(text: string): string {
  const syllables = pinyin(text, { toneType: 'none', type: 'array' }).filter((s) => /^[a-z]+$/.test(s));
  const word = syllables.join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A person's name: a surname of one seed expert and the given name of another. */
function personName(rng: Rng, pool: Template[]): Pick<Template, 'name' | 'nameEn'> {
  const surname = rng.pick(pool).name.slice(0, 1);
  const given = rng.pick(pool).name.slice(1);
  return { name: surname + given, nameEn: `${romanise(surname)} ${romanise(given)}` };
}

/** An organisation's name: the opening of one seed name and the ending (its kind) of another. */
function organisationName(rng: Rng, head: Template, tail: Template): Pick<Template, 'name' | 'nameEn'> {
  const opening = head.name.slice(0, rng.int(2, 4));
  return { name: (opening + tail.name.slice(rng.int(2, 4))).slice(0, 120), nameEn: `${romanise(opening)} ${tail.nameEn}`.slice(0, 200) };
}

function fieldsLike(rng: Rng, base: string[]): string[] {
  const extra = rng.sample(VOCAB.field, rng.int(0, 2));
  return [...new Set([...base.slice(0, 1), ...extra])].slice(0, 6);
}

/**
 * One synthetic listing of `collection`; valid against the collection's declaration. Experts link, like half
 * of the seed experts, to an institution among ids 1..`institutions` (none when 0).
 */
export function syntheticInput(rng: Rng, collection: CollectionName, institutions = 0): ListingInput {
  const pool = seedTemplates(collection);
  const base = rng.pick(pool);
  const names = collection === 'experts' ? personName(rng, pool) : organisationName(rng, rng.pick(pool), base);
  const input: ListingInput = { ...base, ...names, county: rng.pick(VOCAB.county), fields: fieldsLike(rng, base.fields) };
  if (collection === 'apartments') {
    input.units = rng.int(4, 80);
    input.availableUnits = rng.chance(0.25) ? 0 : rng.int(1, Number(input.units));
  }
  if (collection === 'experts') input.institutionId = institutions > 0 && rng.chance(0.5) ? rng.int(1, institutions) : null;
  return input;
}

/** The listings of a directory of `total` for an empty database, collection by collection, always the same for the same total. */
export function* syntheticDirectory(total: number): Generator<{ collection: CollectionName; input: ListingInput }> {
  const sizes = collectionSizes(total);
  for (const collection of COLLECTION_NAMES) {
    const rng = new Rng(`bench-v${GENERATOR_VERSION}:${collection}`);
    for (let i = 0; i < sizes[collection]; i++) yield { collection, input: syntheticInput(rng, collection, sizes.institutions) };
  }
}

/** Writes a synthetic directory through the listing service, in large transactions, so audit and index jobs follow the normal path. */
export function writeSyntheticDirectory(listings: ListingService, total: number, onBatch?: (written: number) => void, batchSize = 2000): void {
  let batch: ListingInput[] = [];
  let current: CollectionName | undefined;
  let written = 0;
  const flush = () => {
    if (!current || batch.length === 0) return;
    listings.createMany(current, batch, { actor: 'bench', source: 'sample' });
    written += batch.length;
    batch = [];
    onBatch?.(written);
  };
  for (const { collection, input } of syntheticDirectory(total)) {
    if (collection !== current || batch.length >= batchSize) flush();
    current = collection;
    batch.push(input);
  }
  flush();
}
