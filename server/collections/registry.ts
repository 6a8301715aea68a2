/** The four collections, in the one list everything else iterates over. */
import { AppError } from '../core/app-error.js';
import { apartments } from './apartments.js';
import { COLLECTION_NAMES, type CollectionDef, type CollectionName } from './define.js';
import { experts } from './experts.js';
import { institutions } from './institutions.js';
import { platforms } from './platforms.js';

export const COLLECTIONS: readonly CollectionDef[] = [platforms, institutions, experts, apartments];

/** True when `name` is a collection of the directory. */
export function isCollectionName(name: string): name is CollectionName {
  return (COLLECTION_NAMES as readonly string[]).includes(name);
}

/** The declaration of a collection, or a 404 AppError for an unknown name. */
export function getCollection(name: string): CollectionDef {
  const def = COLLECTIONS.find((c) => c.name === name);
  if (!def) throw new AppError('not_found', 404, `unknown collection: ${name}`);
  return def;
}
