/** Loads the committed seed files into an empty database, in one transaction. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../server/db/connection.js';
import { inTransaction } from '../server/db/connection.js';
import type { ListingInput } from '../server/collections/define.js';
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

/** An expert names its institution by name in the seed; link it by id. */
function linkInstitution(record: SeedRecord, institutionIds: Map<string, number>): SeedRecord {
  if (!('affiliation' in record)) return record;
  return { ...record, institutionId: institutionIds.get(String(record.affiliation)) ?? null };
}

/** Loads every seed file when the database is empty; returns the number of listings loaded (0 when not empty). */
export function loadSeeds(db: Db, service: ListingService, dir = SEEDS_DIR): number {
  if (!isEmpty(service)) return 0;
  return inTransaction(db, () => {
    if (!isEmpty(service)) return 0;
    const institutionIds = new Map<string, number>();
    let loaded = 0;
    for (const def of COLLECTIONS) {
      for (const [index, raw] of readSeed(def.name, dir).entries()) {
        const { source, status: _status, ...input } = linkInstitution(raw, institutionIds);
        const checked = service.validate(def.name, def.name === 'experts' ? input : stripRef(input));
        if (!checked.ok) {
          throw new AppError('bad_seed', 500, `seed ${def.name}[${index}] is invalid: ${JSON.stringify(checked.details)}`);
        }
        const listing = service.insertValid(def.name, checked.value, 'seed', source);
        if (def.name === 'institutions') institutionIds.set(listing.name, listing.id);
        loaded++;
      }
    }
    return loaded;
  });
}

function stripRef(input: ListingInput): ListingInput {
  const { institutionId: _unused, ...rest } = input;
  return rest;
}
