/** The EJS view engine: includes resolved from the views folder, public templates compiled without `with`. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import ejs from 'ejs';

type EngineCallback = (err: Error | null, html?: string) => void;
type RenderData = { settings?: Record<string, unknown> };

/** Names a compiled EJS template binds itself; a local of the same name would hide them. */
const EJS_NAMES = new Set(['locals', '__locals', 'escapeFn', 'include', 'rethrow', '__append', '__output', '__line', '__lines', '__filename']);
const TAG = /<%([#=_-]?)([\s\S]*?)%>/g;
const STRING = /'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g;
const PROPERTY = /(?<!\.)\.\s*[A-Za-z_$][\w$]*/g;
const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
const DECLARED = /\b(?:const|let|class|function)\s+([A-Za-z_$][\w$]*)/g;

const HTML_SPECIAL = /[&<>'"]/;
const HTML_SPECIALS = /[&<>'"]/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&#34;' };

/**
 * EJS's own escaping (the same five characters, the same entities, '' for null and undefined) that returns a
 * text with nothing to escape as it is: most values of a page (labels, counts, links) have none, and the
 * replace with a callback was a tenth of a search page's rendering. Pages keep EJS's entities (`&#34;`);
 * highlights, built in search/, escape with their own `escapeHtml`, whose output the API has always given.
 */
export function escapeAsEjs(value: unknown): string {
  if (value == null) return '';
  const text = String(value);
  return HTML_SPECIAL.test(text) ? text.replace(HTML_SPECIALS, (c) => HTML_ENTITIES[c] ?? c) : text;
}

function canBeVar(name: string): boolean {
  try {
    new Function(`"use strict"; var ${name};`);
    return true;
  } catch {
    return false;
  }
}

/**
 * The names templates may read as locals: every identifier in their code, except names they declare
 * themselves (a `var` of the same name beside a `const` does not compile), JavaScript's globals and
 * reserved words, and EJS's own. Reading more names than a template needs costs one lookup each; a
 * local named like a global (`Date`) is not seen, the global is.
 */
function templateLocals(sources: string[]): string[] {
  const used = new Set<string>();
  const declared = new Set<string>();
  for (const source of sources) {
    for (const [, kind, code] of source.matchAll(TAG)) {
      if (kind === '#' || !code) continue;
      for (const [, name] of code.matchAll(DECLARED)) if (name) declared.add(name);
      const bare = code.replace(STRING, ' ').replace(PROPERTY, ' ');
      for (const [name] of bare.matchAll(IDENTIFIER)) used.add(name);
    }
  }
  return [...used].filter((n) => !declared.has(n) && !EJS_NAMES.has(n) && !(n in globalThis) && canBeVar(n)).sort();
}

function publicTemplates(viewsDir: string, skip: string): string[] {
  return readdirSync(viewsDir, { recursive: true, encoding: 'utf8' })
    .map((file) => join(viewsDir, file))
    .filter((file) => file.endsWith('.ejs') && !file.startsWith(skip))
    .map((file) => readFileSync(file, 'utf8'));
}

/**
 * An Express view engine for EJS. Includes written from the views root (`include('/partials/head')`) are
 * joined to `viewsDir`; a relative include is probed with `fs.existsSync` at every render. The public
 * templates read their locals as plain variables (`destructuredLocals`) instead of through `with`, which
 * made every name in a template a dynamic lookup and took half of a search page's rendering; the names
 * come from the templates themselves, read again at each render when templates are not cached (so an
 * edited template needs no restart). The back office's templates under `views/admin/` compile as before.
 */
export function ejsEngine(viewsDir: string) {
  const adminDir = join(viewsDir, 'admin') + sep;
  const base: ejs.Options = { root: viewsDir, views: [viewsDir], escape: escapeAsEjs };
  const publicOptions = (cache: boolean): ejs.Options => ({
    ...base,
    cache,
    _with: false,
    destructuredLocals: templateLocals(publicTemplates(viewsDir, adminDir)),
  });
  let cached: ejs.Options | undefined;
  return (path: string, data: RenderData, done: EngineCallback): void => {
    const cache = Boolean(data.settings?.['view cache']);
    let options: ejs.Options;
    if (path.startsWith(adminDir)) options = { ...base, cache };
    else options = cache ? (cached ??= publicOptions(true)) : publicOptions(false);
    ejs.renderFile(path, data, options, done);
  };
}
