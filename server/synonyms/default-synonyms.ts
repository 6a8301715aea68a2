/** The default synonym list: product configuration, loaded once into an empty table whatever `SEED` says. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../core/paths.js';
import type { SynonymInput, SynonymStore } from './synonym-store.js';

/** The committed list (read from the source tree, so a build needs no copy of it). */
export const DEFAULT_SYNONYMS_FILE = join(ROOT, 'server', 'synonyms', 'default-synonyms.json');

/** The rules of the default list, as written in the file. */
export function readDefaultSynonyms(file = DEFAULT_SYNONYMS_FILE): SynonymInput[] {
  return JSON.parse(readFileSync(file, 'utf8')) as SynonymInput[];
}

/** Loads the default list when this database never had it and holds no rule; returns the rules loaded (usually 0). */
export function loadDefaultSynonyms(store: SynonymStore, file = DEFAULT_SYNONYMS_FILE): number {
  if (store.defaultsLoaded()) return 0;
  return store.loadDefaults(readDefaultSynonyms(file), 'system');
}
