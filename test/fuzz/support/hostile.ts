/** Hostile input for property-based tests, and the checks every answer to it must pass. */
import fc from 'fast-check';
import { expect } from 'vitest';
import { VOCAB } from '../../../server/collections/vocab.js';
import { ROOT } from '../../../server/core/paths.js';

/** Fixed seed and run count, so CI replays the same cases; FUZZ_SEED and FUZZ_RUNS widen a local run. */
export const FUZZ: fc.Parameters<unknown> = {
  seed: Number(process.env.FUZZ_SEED ?? 20_240_501),
  numRuns: Number(process.env.FUZZ_RUNS ?? 60),
  endOnFailure: true,
};

/** Every parameter of the search API and the search page. */
export const SEARCH_PARAMS = ['q', 'collection', 'county', 'field', 'kind', 'level', 'type', 'category', 'available', 'sort', 'page', 'perPage', 'lang'];

/** Markup that must never come back out of the server as markup. */
export const MARKUP = ['<script>xss_probe()</script>', '<img src=x onerror=xss_probe()>', '"><svg onload=xss_probe()>', "'><b onmouseover=xss_probe()>b</b>"];

/** Pieces of SQL, FTS5, Meilisearch filter, template and prototype syntax, control characters and odd Unicode. */
const TOKENS = [
  '__proto__', 'constructor', 'prototype', "' OR '1'='1", '"; DROP TABLE platforms; --', '1; SELECT * FROM sessions', "x' UNION SELECT sid, data FROM sessions --",
  'NEAR(煤炭 棉花, 2)', 'name:煤炭', '煤炭 OR 1', 'a NOT b', '"', '""', '*', '^', '-', '+', '(', ')', '{name}:x', ':', "'",
  "collection = 'platforms' OR 1 = 1", 'county IN [changji]', 'kind EXISTS', '1 TO 9', '_geoRadius(0, 0, 1)',
  ...MARKUP, 'javascript:xss_probe()', '<%= process.env %>', '<%- 7*7 %>', '${process.exit()}', '{{7*7}}',
  '\u0000', '\u0007', '\u001b[31m', '\r\n', '\t', '\u2028', '\u202e', '\ufeff', '\ud800', '\udfff', '\ud83d', '𝕏', 'Ａ', 'é',
  '煤炭', '昌吉', 'changji', 'tbdg', 'NaN', '-1', '0', '1.5', '1e309', '99999999999999999999', 'true', 'null', 'undefined', ' ', '',
  ...VOCAB.county.slice(0, 3), 'platforms', 'coal-chemistry',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n));
const anyCodePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });

/** Random and hostile text: mixes of the tokens above, any code point and lone surrogates. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.oneof(fc.constantFrom(...TOKENS), anyCodePoint, loneSurrogate), { maxLength: 8 }).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5000 }).map((n) => 'x'.repeat(n)) },
);

/** Text a listing may validly hold (no control characters) that is markup, entities or template syntax. */
export const storableHostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(...MARKUP, '</textarea><script>xss_probe()</script>', '</title><b>t</b>', '<!--', '-->', '&amp;', '&lt;', '"', "'", '`', '<%= x %>', '${x}', '{{x}}', '\\'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
      fc.constantFrom('煤炭', '棉花', 'coal'),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((parts) => parts.join('').trim())
  .filter((s) => s.length > 0);

/** Percent-encoding with broken sequences in it, as a careless or malicious client sends them. */
export const brokenEncoding = fc.constantFrom('%', '%%', '%2', '%zz', '%E0%A4%A', '%C0%AF', '%FF', '%ED%A0%80', '%F4%90%80%80', '%u00e9', '%00', '+', '%2B', '&', '=', '==');

/** Percent-encodes every UTF-16 code unit, lone surrogates as their raw (invalid UTF-8) bytes. */
export function encodeRaw(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => '%' + b.toString(16).toUpperCase()).join('');
    } else {
      out += encodeURIComponent(ch);
    }
  }
  return out;
}

/** A query string value: hostile text (encoded), with or without broken encoding around it. */
export const queryValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileString.map(encodeRaw) },
  { weight: 1, arbitrary: brokenEncoding },
  { weight: 2, arbitrary: fc.tuple(hostileString.map(encodeRaw), brokenEncoding, hostileString.map(encodeRaw)).map((p) => p.join('')) },
);

/** A query string of `names` (mostly) and hostile names, each possibly repeated or given twice. */
export function queryString(names: readonly string[]): fc.Arbitrary<string> {
  const name = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'q[]', 'q[0]', 'page[$gt]', '', 'q.q') },
    { weight: 1, arbitrary: hostileString },
  );
  return fc.array(fc.tuple(name, queryValue), { maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${encodeRaw(k)}=${v}`).join('&'));
}

/** A stack frame (`at fn (/file.js:1:2)`, `/file.ts:3:4`), a dependency path or the project's own folder. */
const STACK = new RegExp(String.raw`\bat (?:async |new )?[\w$.<>\[\] ]*\(?(?:file://)?/[^\s()]+:\d+:\d+|\.[cm]?[jt]s:\d+:\d+|node_modules/|` + ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** No answer may leak a stack trace or a file path. */
export function expectNoStack(text: string): void {
  expect(text).not.toMatch(STACK);
}

/** True when a path segment is valid percent-encoding (else the router refuses it before any parameter is read). */
export function decodable(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/**
 * An API answer: never a 500; an error has the documented shape, and a 400 names the bad parameters among those
 * sent. A path that cannot be decoded is refused (400) before any parameter is read, so nothing can be named.
 */
export function expectApiAnswer(res: { status: number; text: string; body: unknown }, sent: string[], pathDecodes = true): void {
  expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
  expectNoStack(res.text);
  if (res.status < 400) return;
  const { error } = res.body as { error: { code: unknown; message: unknown; details?: Record<string, unknown> } };
  expect(Object.keys(res.body as object)).toEqual(['error']);
  expect(typeof error.code).toBe('string');
  expect(typeof error.message).toBe('string');
  for (const key of Object.keys(error).filter((k) => k !== 'code' && k !== 'message')) expect(key).toBe('details');
  if (res.status !== 400 || !pathDecodes) return;
  expect(error.details, 'a 400 names the bad parameter').toBeDefined();
  for (const [key, message] of Object.entries(error.details!)) {
    expect(sent, `details name "${key}", which was not sent`).toContain(key.split('.')[0]);
    expect(typeof message).toBe('string');
  }
}

/** Every value in `stored` that holds a tag must come out escaped: never verbatim in the page. */
export function expectEscaped(html: string, stored: string[]): void {
  for (const value of stored) {
    if (/<[A-Za-z/!?]/.test(value)) expect(html.includes(value), `raw ${JSON.stringify(value)} in the page`).toBe(false);
  }
  for (const markup of MARKUP) expect(html.includes(markup), `raw ${markup} in the page`).toBe(false);
}

/** The names the server sees after decoding a query string (for matching error details). */
export function decodedNames(query: string): string[] {
  return query
    .split('&')
    .map((pair) => pair.split('=')[0]!)
    .map((name) => {
      try {
        return decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        return name;
      }
    });
}

/** A form value: the text it stands for and how it goes over the wire. */
export interface WireValue {
  text: string;
  wire: string;
}

/** Values around the 1 MB body limit: just under it (the form must name the field) and over it (413). */
const BIG_VALUES: WireValue[] = [
  { text: 'x'.repeat(200_000), wire: 'x'.repeat(200_000) },
  { text: 'y'.repeat(1_000_000), wire: 'y'.repeat(1_000_000) },
  { text: '煤'.repeat(120_000), wire: '%E7%85%A4'.repeat(120_000) },
];

/** A form value: hostile text, broken encoding, or a value of about a megabyte. */
export const formValue: fc.Arbitrary<WireValue> = fc.oneof(
  { weight: 12, arbitrary: hostileString.map((text) => ({ text, wire: encodeRaw(text) })) },
  { weight: 2, arbitrary: brokenEncoding.map((wire) => ({ text: wire, wire })) },
  { weight: 1, arbitrary: fc.constantFrom(...BIG_VALUES) },
);

/** An urlencoded body: `fixed` fields first, then random fields (mostly `names`, some repeated, some hostile). */
export function formBody(names: readonly string[], fixed: Record<string, string> = {}): fc.Arbitrary<{ body: string; texts: string[] }> {
  const name = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', '_csrf', 'version', 'fields[]', 'a[b]', 'toString') },
    { weight: 1, arbitrary: hostileString },
  );
  return fc.array(fc.tuple(name, formValue), { maxLength: 12 }).map((pairs) => {
    const head = Object.entries(fixed).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
    const rest = pairs.map(([k, v]) => `${encodeRaw(k)}=${v.wire}`);
    return { body: [...head, ...rest].join('&'), texts: pairs.map(([, v]) => v.text) };
  });
}

/** A page answer: never a 500, no stack, and nothing typed or stored comes back as markup. */
export function expectPage(res: { status: number; text: string }, texts: string[] = []): void {
  expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
  expectNoStack(res.text);
  expectEscaped(res.text, texts);
}

const ANSWER_KEYS = ['engine', 'facets', 'hits', 'ignored', 'page', 'perPage', 'query', 'suggestedFilters', 'tookMs', 'total'];
/** Keys an answer carries only sometimes: how many results hold every word, and a query with nothing to search. */
const OCCASIONAL_KEYS = ['complete', 'notice'];

/** A 200 search answer has the contract's shape, and its highlights hold no markup but `<mark>`. */
export function expectSearchAnswer(body: Record<string, unknown>): void {
  expect(Object.keys(body).filter((key) => !OCCASIONAL_KEYS.includes(key)).sort()).toEqual(ANSWER_KEYS);
  for (const hit of body.hits as { url: string; highlight: { name: string; summary: string } }[]) {
    expect(hit.url).toMatch(/^\//);
    for (const text of [hit.highlight.name, hit.highlight.summary]) expect(text.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  }
}
