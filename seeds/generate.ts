// Writes the seed data in seeds/data/. Deterministic: a fixed-seed PRNG and no clock,
// so running it twice gives byte-identical files and a change shows as a small diff.
// Run: npx tsx seeds/generate.ts [output folder, default seeds/data]
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMMON_FIELDS, type CollectionDef } from '../server/collections/define.js';
import { getCollection } from '../server/collections/registry.js';
import { buildExperts } from './generator/experts.js';
import { generateFirms } from './generator/firms.js';
import { buildApartments } from './generator/housing.js';
import { buildInstitutions, sampleInstitutionOrgs } from './generator/institutions.js';
import { buildPlatforms } from './generator/platforms.js';
import type { Listing } from './generator/types.js';

/**
 * The keys of a collection's seed records in the order of its declaration, which keeps every line of a file
 * shaped alike: the common fields, the record's source and status, then its own fields. Reference fields are
 * left out: a seed names the listing it refers to by its text (see the `text` of a `ref` field). A field the
 * generator does not fill is left out too, and is stored blank (see `emptyValue` in `server/collections/field-spec.ts`).
 */
function seedKeys(def: CollectionDef): string[] {
  const own = Object.entries(def.own).filter(([, spec]) => spec.type !== 'ref').map(([key]) => key);
  return [...Object.keys(COMMON_FIELDS), 'source', 'status', ...own];
}

function ordered(record: Listing, keys: string[]): Record<string, unknown> {
  const source = record as unknown as Record<string, unknown>;
  const extra = Object.keys(source).filter((k) => !keys.includes(k));
  if (extra.length > 0) throw new Error(`unexpected keys ${extra.join(', ')} in ${record.name}`);
  return Object.fromEntries(keys.filter((k) => k in source).map((k) => [k, source[k]]));
}

/** One record per line, so that a diff shows which listings changed. */
function toJsonLines(records: Listing[], keys: string[]): string {
  return `[\n${records.map((r) => JSON.stringify(ordered(r, keys))).join(',\n')}\n]\n`;
}

function main(): void {
  const dataDir = process.argv[2] ? `${process.argv[2].replace(/\/$/, '')}/` : fileURLToPath(new URL('./data/', import.meta.url));
  mkdirSync(dataDir, { recursive: true });

  const institutions = buildInstitutions();
  const academics = sampleInstitutionOrgs(institutions);
  const firms = generateFirms(100);
  const collections: Record<string, Listing[]> = {
    platforms: buildPlatforms(firms, academics),
    institutions,
    experts: buildExperts(academics, firms),
    apartments: buildApartments(),
  };

  for (const [name, records] of Object.entries(collections)) {
    writeFileSync(`${dataDir}${name}.json`, toJsonLines(records, seedKeys(getCollection(name))));
    console.log(`${dataDir}${name}.json: ${records.length} records`);
  }
}

main();
