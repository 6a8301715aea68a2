/** Paths of the project's files, the same whether run from source or from dist/. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + start);
    dir = parent;
  }
  return dir;
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const MIGRATIONS_DIR = join(ROOT, 'server', 'db', 'migrations');
export const VIEWS_DIR = join(ROOT, 'views');
export const PUBLIC_DIR = join(ROOT, 'public');
export const LOCALES_DIR = join(ROOT, 'locales');
export const SEEDS_DIR = join(ROOT, 'seeds', 'data');
