/** Highlights for hits: matches wrapped in <mark>, everything else HTML-escaped; one implementation for both engines. */
import { fold, isPinyinQuery, isWordChar, queryTerms, type QueryTerm } from './analysis.js';
import { pinyinSpan, syllables } from './pinyin.js';

/** Summaries longer than this are cut to a window around their first match. */
const SNIPPET_LENGTH = 240;
/** How much text a window keeps before the first match. */
const SNIPPET_LEAD = 40;

type Span = [start: number, end: number];

const ASCII_WORD_CHAR = /[A-Za-z0-9]/;

/** How a character other than ASCII reads in words: whether it is a word character, and its folded form. */
interface CharReading {
  wordChar: boolean;
  folded: string;
}

/**
 * The readings of the characters met so far, by code point. Chinese text is all outside ASCII, and normalising
 * and testing Unicode properties per character cost far more than a lookup; the cap bounds what odd text can add.
 */
const READINGS = new Map<number, CharReading>();
const MAX_READINGS = 20_000;

function reading(code: number, ch: string): CharReading {
  let known = READINGS.get(code);
  if (!known) {
    known = { wordChar: isWordChar(ch), folded: fold(ch) };
    if (READINGS.size < MAX_READINGS) READINGS.set(code, known);
  }
  return known;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** Every occurrence of each Chinese term. */
function hanSpans(text: string, terms: QueryTerm[]): Span[] {
  const spans: Span[] = [];
  for (const term of terms) {
    if (term.kind !== 'han') continue;
    for (let i = text.indexOf(term.text); i >= 0; i = text.indexOf(term.text, i + term.text.length)) spans.push([i, i + term.text.length]);
  }
  return spans;
}

/** Words of the text that start with a word term, compared folded (case and accents ignored). */
/** Letters that fold to ASCII only through normalisation: accented Latin and full-width forms. */
const FOLDED_LATIN = /[\u00c0-\u024f\uff10-\uff5a]/;

function wordSpans(text: string, terms: QueryTerm[]): Span[] {
  const words = terms.filter((t) => t.kind === 'word').map((t) => t.text);
  if (!words.length) return [];
  // Most texts hold none of the words (a Chinese summary and the English synonyms of a query): a lowercase look
  // spares them the walk that folds every character.
  if (!FOLDED_LATIN.test(text)) {
    const lower = text.toLowerCase();
    if (words.every((word) => !lower.includes(word))) return [];
  }
  let folded = '';
  const origStart: number[] = [];
  const origEnd: number[] = [];
  const wordStarts: number[] = [];
  let prevWordChar = false;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i) ?? 0;
    const ch = code < 0x80 ? text.charAt(i) : String.fromCodePoint(code);
    // ASCII, most of what is searched in words, needs neither the Unicode tests nor normalisation.
    const read = code < 0x80 ? null : reading(code, ch);
    const wordChar = read ? read.wordChar : ASCII_WORD_CHAR.test(ch);
    if (wordChar && !prevWordChar) wordStarts.push(folded.length);
    prevWordChar = wordChar;
    // One entry per UTF-16 unit of the folded text, the unit its indexes count in (a character outside the
    // Basic Multilingual Plane takes two).
    const f = read ? read.folded : ch.toLowerCase();
    folded += f;
    for (let unit = 0; unit < f.length; unit++) {
      origStart.push(i);
      origEnd.push(i + ch.length);
    }
    i += ch.length;
  }
  const spans: Span[] = [];
  for (const start of wordStarts) {
    for (const word of words) {
      if (!folded.startsWith(word, start)) continue;
      const from = origStart[start];
      const to = origEnd[start + word.length - 1];
      if (from !== undefined && to !== undefined) spans.push([from, to]);
    }
  }
  return spans;
}

/**
 * Syllables of the names highlighted lately. Reading a name's pinyin costs several microseconds a name, every
 * query of letters is tried as pinyin, and the names of the pages people search come back again and again.
 */
const NAME_SYLLABLES = new Map<string, string[]>();
const MAX_NAME_SYLLABLES = 5_000;

function nameSyllables(name: string): string[] {
  let sy = NAME_SYLLABLES.get(name);
  if (!sy) {
    sy = syllables(name);
    // Map keeps insertion order: the name that came in first goes first.
    if (NAME_SYLLABLES.size >= MAX_NAME_SYLLABLES) NAME_SYLLABLES.delete(NAME_SYLLABLES.keys().next().value!);
    NAME_SYLLABLES.set(name, sy);
  }
  return sy;
}

/** The characters of a Chinese name that a pinyin query spells (the whole query, else each word). */
function pinyinSpans(text: string, terms: QueryTerm[]): Span[] {
  if (!isPinyinQuery(terms)) return [];
  const attempts = [terms.map((t) => t.text).join(''), ...(terms.length > 1 ? terms.map((t) => t.text) : [])];
  const sy = nameSyllables(text);
  const offsets = [0];
  let end = 0;
  for (const ch of text) offsets.push((end += ch.length));
  const spans: Span[] = [];
  for (const letters of attempts) {
    const span = pinyinSpan(text, letters, sy);
    if (!span) continue;
    const [from, to] = [offsets[span[0]], offsets[span[1]]];
    if (from !== undefined && to !== undefined) spans.push([from, to]);
    if (letters === attempts[0]) break;
  }
  return spans;
}

function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else out.push([span[0], span[1]]);
  }
  return out;
}

function render(text: string, spans: Span[], from: number, to: number): string {
  let html = from > 0 ? '…' : '';
  let at = from;
  for (const [s, e] of spans) {
    const start = Math.max(s, from);
    const end = Math.min(e, to);
    if (end <= start) continue;
    html += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return html + escapeHtml(text.slice(at, to)) + (to < text.length ? '…' : '');
}

/** Moves an index off the second half of a surrogate pair. */
function snap(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return i > 0 && code >= 0xdc00 && code <= 0xdfff ? i - 1 : i;
}

/** A listing's name with the query's matches marked (pinyin queries mark the characters they spell). */
export function highlightName(name: string, terms: QueryTerm[]): string {
  return render(name, merge([...hanSpans(name, terms), ...wordSpans(name, terms), ...pinyinSpans(name, terms)]), 0, name.length);
}

/** A summary with the query's matches marked, cut to a window around the first match when long. */
export function highlightSummary(summary: string, terms: QueryTerm[]): string {
  const spans = merge([...hanSpans(summary, terms), ...wordSpans(summary, terms)]);
  if (summary.length <= SNIPPET_LENGTH) return render(summary, spans, 0, summary.length);
  const from = snap(summary, Math.max(0, Math.min((spans[0]?.[0] ?? 0) - SNIPPET_LEAD, summary.length - SNIPPET_LENGTH)));
  return render(summary, spans, from, snap(summary, Math.min(summary.length, from + SNIPPET_LENGTH)));
}

/** A name and a summary marked for a query as typed: the page shows them for the language the reader did not pick. */
export function highlightForQuery(q: string, name: string, summary: string): { name: string; summary: string } {
  const terms = queryTerms(q);
  return { name: highlightName(name, terms), summary: highlightSummary(summary, terms) };
}
