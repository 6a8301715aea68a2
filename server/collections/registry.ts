/** The four collections, in the one list everything else iterates over. */
import { AppError } from '../core/app-error.js';
import { apartments } from './apartments.js';
import type { CollectionDef, CollectionName } from './define.js';
import { experts } from './experts.js';
import { institutions } from './institutions.js';
import { platforms } from './platforms.js';

/** The lookups over a list of declarations; the directory's own list is below, a test may build one of its own. */
export function registryOf<const T extends readonly CollectionDef[]>(collections: T) {
  return {
    COLLECTIONS: collections,
    /** True when `name` is a collection of the directory. */
    isCollectionName(name: string): name is CollectionName {
      return collections.some((def) => def.name === name);
    },
    /** The declaration of a collection, or a 404 AppError for an unknown name. */
    getCollection(name: string): CollectionDef {
      const def = collections.find((c) => c.name === name);
      if (!def) throw new AppError('not_found', 404, `unknown collection: ${name}`);
      return def;
    },
    /** The position of a collection in the list (its order across collections), -1 for an unknown name. */
    collectionIndex(name: string): number {
      return collections.findIndex((def) => def.name === name);
    },
  };
}

export const { COLLECTIONS, isCollectionName, getCollection, collectionIndex } = registryOf([platforms, institutions, experts, apartments]);
