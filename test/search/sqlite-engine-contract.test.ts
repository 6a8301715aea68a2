import { describe, expect } from 'vitest';
import { engineContract } from './support/engine-contract.js';
import { createSearchStack, type SearchStack } from './support/stack.js';

/** A stack whose every search runs twice: the second answer comes from the match sets the first one kept. */
function askingTwice(stack: SearchStack): SearchStack {
  const find = stack.find;
  return {
    ...stack,
    async find(params, collection) {
      const first = await find(params, collection);
      const again = await find(params, collection);
      expect({ ...again, tookMs: 0 }).toEqual({ ...first, tookMs: 0 });
      return first;
    },
  };
}

describe('the embedded SQLite FTS5 engine', () => {
  engineContract('sqlite', () => askingTwice(createSearchStack()));
});

describe('the embedded SQLite FTS5 engine, keeping no match sets', () => {
  engineContract('sqlite', () => createSearchStack({ env: { SEARCH_CACHE_MB: '0' } }));
});
