/** Loads the committed seed files into an empty database, in one transaction. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../server/db/connection.js';
import { inTransaction } from '../server/db/connection.js';
import type { CollectionDef, ListingInput } from '../server/collections/define.js';
import type { ListingService } from '../server/collections/listing-service.js';
import { COLLECTIONS } from '../server/collections/registry.js';
import { AppError } from '../server/core/app-error.js';
import { SEEDS_DIR } from '../server/core/paths.js';

type SeedRecord = ListingInput & { source: 'report-2022' | 'sample'; status?: string };

function readSeed(collection: string, dir: string): SeedRecord[] {
  return JSON.parse(readFileSync(join(dir, `${collection}.json`), 'utf8')) as SeedRecord[];
}

/** True when no collection holds a listing. */
export function isEmpty(service: ListingService): boolean {
  return COLLECTIONS.every((def) => service.repo(def.name).count() === 0);
}

/** Ids of the listings loaded so far, by collection and name. */
type LoadedIds = Map<string, Map<string, number>>;

/**
 * A seed names the listing a `ref` field points at by the own field that shows the referenced listing's name
 * (an expert's affiliation is its institution's name); links it by id, null when no loaded listing has that name.
 */
function linkReferences(def: CollectionDef, record: SeedRecord, loaded: LoadedIds): SeedRecord {
  const links: ListingInput = {};
  for (const [key, spec] of Object.entries(def.own)) {
    if (spec.type !== 'ref' || !spec.text) continue;
    const nameField = Object.entries(spec.text).find(([, from]) => from === 'name')?.[0];
    if (nameField === undefined) continue;
    links[key] = loaded.get(spec.collection)?.get(String(record[nameField])) ?? null;
  }
  return { ...record, ...links };
}

/** Loads every seed file when the database is empty; returns the number of listings loaded (0 when not empty). */
export function loadSeeds(db: Db, service: ListingService, dir = SEEDS_DIR): number {
  if (!isEmpty(service)) return 0;
  return inTransaction(db, () => {
    if (!isEmpty(service)) return 0;
    const ids: LoadedIds = new Map();
    let loaded = 0;
    for (const def of COLLECTIONS) {
      const byName = new Map<string, number>();
      ids.set(def.name, byName);
      for (const [index, raw] of readSeed(def.name, dir).entries()) {
        const { source, status: _status, ...input } = linkReferences(def, raw, ids);
        const checked = service.validate(def.name, input);
        if (!checked.ok) {
          throw new AppError('bad_seed', 500, `seed ${def.name}[${index}] is invalid: ${JSON.stringify(checked.details)}`);
        }
        const listing = service.insertValid(def.name, checked.value, 'seed', source);
        byName.set(listing.name, listing.id);
        loaded++;
      }
    }
    return loaded;
  });
}
