// Writes the seed data in seeds/data/. Deterministic: a fixed-seed PRNG and no clock,
// so running it twice gives byte-identical files and a change shows as a small diff.
// Run: npx tsx seeds/generate.ts [output folder, default seeds/data]
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildExperts } from './generator/experts.js';
import { generateFirms } from './generator/firms.js';
import { buildApartments } from './generator/housing.js';
import { buildInstitutions, sampleInstitutionOrgs } from './generator/institutions.js';
import { buildPlatforms } from './generator/platforms.js';
import type { Listing } from './generator/types.js';

const COMMON_KEYS = ['name', 'nameEn', 'summary', 'summaryEn', 'county', 'fields', 'source', 'status'];

// A fixed key order per collection keeps every line of a file shaped alike.
const OWN_KEYS: Record<string, string[]> = {
  platforms: ['kind', 'level', 'host', 'hostEn', 'location', 'locationEn', 'established'],
  institutions: ['type', 'location', 'locationEn', 'agreementYear'],
  experts: ['category', 'title', 'titleEn', 'affiliation', 'affiliationEn', 'expertise', 'expertiseEn'],
  apartments: ['kind', 'township', 'townshipEn', 'address', 'addressEn', 'units', 'availableUnits', 'areaSqm', 'furnished', 'monthlyRent'],
};

function ordered(record: Listing, keys: string[]): Record<string, unknown> {
  const source = record as unknown as Record<string, unknown>;
  const extra = Object.keys(source).filter((k) => !keys.includes(k));
  if (extra.length > 0) throw new Error(`unexpected keys ${extra.join(', ')} in ${record.name}`);
  return Object.fromEntries(keys.map((k) => {
    if (!(k in source)) throw new Error(`missing ${k} in ${record.name}`);
    return [k, source[k]];
  }));
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
    writeFileSync(`${dataDir}${name}.json`, toJsonLines(records, [...COMMON_KEYS, ...OWN_KEYS[name]!]));
    console.log(`${dataDir}${name}.json: ${records.length} records`);
  }
}

main();
