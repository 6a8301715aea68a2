import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Imports point one way: core and database ← the domain (collections) ← search ← services ← HTTP and views ← the
// composition root (server's root files, scripts). Any import against that direction fails here, named.

/** The project's source folders whose imports are checked. */
const ROOTS = ['server', 'search', 'seeds', 'scripts'];
const PROJECT = resolve(import.meta.dirname, '../..');

/**
 * The layers, lowest first: a folder may import only from its own layer or lower ones.
 * A folder not listed takes the layer of its nearest listed ancestor, except below `server/` and `search/`, whose
 * entries cover only the files at their root: a new folder there must be given its layer here.
 */
const LAYERS: { name: string; folders: string[] }[] = [
  { name: 'core', folders: ['server/core', 'server/db'] },
  { name: 'domain', folders: ['server/collections'] },
  { name: 'search analysis', folders: ['search/analysis'] },
  { name: 'search core', folders: ['search/core'] },
  { name: 'search engines', folders: ['search/embedded', 'search/meilisearch'] },
  { name: 'search', folders: ['search'] },
  {
    name: 'services',
    folders: [
      'server/audit', 'server/auth', 'server/analytics', 'server/synonyms', 'server/inquiries', 'server/stats',
      'server/bulk', 'server/backup', 'server/forms', 'server/i18n', 'server/observability', 'server/lifecycle',
      'server/needs', 'seeds',
    ],
  },
  {
    name: 'http and views',
    folders: ['server/http', 'server/site', 'server/admin', 'server/search-api', 'server/listing-api'],
  },
  { name: 'composition', folders: ['server', 'scripts'] },
];

const folderOf = (file: string): string => dirname(file);
const within = (folder: string, ancestor: string): boolean => folder === ancestor || folder.startsWith(`${ancestor}/`);

/** Folders whose entry in LAYERS covers their own files only. */
const ROOT_FILES_ONLY = new Set(['server', 'search']);

/** What `search/` must never reach, whatever the layer table says: HTTP, the site, the back office, server's root files. */
const forbiddenToSearch = (file: string): boolean =>
  folderOf(file) === 'server' || ['server/http', 'server/site', 'server/admin'].some((folder) => within(folderOf(file), folder));

interface Import {
  from: string;
  to: string;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(PROJECT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** What may stand between `import` and `from`: a default name, a namespace, named bindings or both. */
const IMPORT_CLAUSE = String.raw`(?:type\s+)?(?:\*\s+as\s+\w+|\{[^}]*\}|\w+(?:\s*,\s*(?:\*\s+as\s+\w+|\{[^}]*\}))?)`;
const EXPORT_CLAUSE = String.raw`(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})`;
const STATIC_IMPORT = new RegExp(
  String.raw`^(?:import\s+${IMPORT_CLAUSE}\s+from\s+|export\s+${EXPORT_CLAUSE}\s+from\s+|import\s+)['"]([^'"]+)['"]`,
  'gm',
);

/** The module specifiers of a source's static imports and re-exports. */
function importSpecifiers(text: string): string[] {
  return [...text.matchAll(STATIC_IMPORT)].map((match) => match[1] ?? '');
}

/** Every static `import … from` and `export … from` between project files, type-only ones included. */
function projectImports(files: string[]): Import[] {
  const known = new Set(files);
  return files.flatMap((file) =>
    importSpecifiers(readFileSync(join(PROJECT, file), 'utf8'))
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => relative(PROJECT, resolve(PROJECT, dirname(file), specifier)).replace(/\.js$/, '.ts'))
      .filter((target) => known.has(target))
      .map((to) => ({ from: file, to })));
}

function layerOf(folder: string): number {
  let best = -1;
  let bestLength = -1;
  LAYERS.forEach((layer, index) => {
    for (const listed of layer.folders) {
      const covered = ROOT_FILES_ONLY.has(listed) ? folder === listed : within(folder, listed);
      if (covered && listed.length > bestLength) {
        best = index;
        bestLength = listed.length;
      }
    }
  });
  return best;
}

/** Strongly connected components of more than one node (Tarjan), each as a readable cycle. */
function cycles(edges: Map<string, Set<string>>, step: (from: string, to: string) => string): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    if (component.length > 1) found.push(describeCycle(component, edges, step));
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/** The shortest way around a component, each step shown by `step`, so the message names the imports to break. */
function describeCycle(component: string[], edges: Map<string, Set<string>>, step: (from: string, to: string) => string): string {
  const members = new Set(component);
  const start = [...component].sort()[0] as string;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as string;
    for (const next of [...(edges.get(node) ?? [])].sort()) {
      if (!members.has(next) || cameFrom.has(next)) continue;
      cameFrom.set(next, node);
      queue.push(next);
    }
    if (cameFrom.has(start)) break;
  }
  const path = [start];
  for (let node = cameFrom.get(start); node !== undefined && node !== start; node = cameFrom.get(node)) path.unshift(node);
  path.unshift(start);
  return path.slice(1).map((to, i) => step(path[i] as string, to)).join('; ');
}

function graph(pairs: [string, string][]): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const [from, to] of pairs) {
    if (from === to) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from)?.add(to);
  }
  return edges;
}

const files = ROOTS.flatMap(sourceFiles);
const imports = projectImports(files);
const describeImport = ({ from, to }: Import): string => `${from} imports ${to}`;

describe('layers', () => {
  it('reads static imports and re-exports in every form, type-only and multi-line ones included', () => {
    const source = [
      "import express from 'express';",
      "import type { A } from './a.js';",
      "import { b,\n  type C,\n} from '../b.js';",
      "import d, { e } from './d.js';",
      "import * as f from './f.js';",
      "import './side-effect.js';",
      "export { g } from './g.js';",
      "export type { H } from './h.js';",
      "export * from './i.js';",
      "export const notAnImport = 'from \\'./j.js\\'';",
      "const k = await import('./k.js');",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual(['express', './a.js', '../b.js', './d.js', './f.js', './side-effect.js', './g.js', './h.js', './i.js']);
  });

  it('reads the imports of the project', () => {
    expect(imports.length).toBeGreaterThan(300);
    expect(imports).toContainEqual({ from: 'server/main.ts', to: 'server/app.ts' });
  });

  it('when files import each other, then there is no cycle', () => {
    expect(cycles(graph(imports.map(({ from, to }) => [from, to])), (from, to) => `${from} imports ${to}`)).toEqual([]);
  });

  it('when folders import each other, then there is no cycle', () => {
    const example = (from: string, to: string): string => {
      const file = imports.find((entry) => folderOf(entry.from) === from && folderOf(entry.to) === to);
      return `${from} -> ${to} (${file ? describeImport(file) : '?'})`;
    };
    expect(cycles(graph(imports.map(({ from, to }) => [folderOf(from), folderOf(to)])), example)).toEqual([]);
  });

  it('when a file imports another, then the other is not in a folder above its own', () => {
    const upward = imports.filter(({ from, to }) => folderOf(from) !== folderOf(to) && within(folderOf(from), folderOf(to)));
    expect(upward.map(describeImport)).toEqual([]);
  });

  it('when a folder imports another, then the other is in its layer or a lower one', () => {
    const unlisted = [...new Set(files.map(folderOf))].filter((folder) => layerOf(folder) < 0);
    expect(unlisted).toEqual([]);
    const upward = imports.filter(({ from, to }) => layerOf(folderOf(to)) > layerOf(folderOf(from)));
    expect(upward.map((entry) => `${describeImport(entry)} (${LAYERS[layerOf(folderOf(entry.from))]?.name} -> ${LAYERS[layerOf(folderOf(entry.to))]?.name})`)).toEqual([]);
  });

  it('when search imports from server, then it reaches neither HTTP, views, back office nor the composition root', () => {
    const reached = imports.filter(({ from, to }) =>
      within(folderOf(from), 'search') && forbiddenToSearch(to));
    expect(reached.map(describeImport)).toEqual([]);
  });
});
