import { describe } from 'vitest';
import { engineContract } from './support/engine-contract.js';
import { createSearchStack } from './support/stack.js';

describe('the embedded SQLite FTS5 engine', () => {
  engineContract('sqlite', () => createSearchStack());
});
