/**
 * A user's query as both engines search it: folded, Simplified, Chinese runs cut into words, synonyms and
 * abbreviations added as alternatives, English words with their stems, letters that may be pinyin marked as such.
 * A term matches when any of its forms does; every term must match, unless the engine leaves some out when nothing
 * has them all.
 */
import { stemmer } from 'stemmer';
import { MIN_STEMMED, queryTerms, toSimplified, type QueryTerm } from './analysis.js';
import { prepareSegmenter, segmentRun } from './segment.js';
import type { SynonymEntry, SynonymTable, SynonymText } from './synonyms.js';

/** One way a term can appear in a text: a run of Chinese, or a sequence of words (the last one by prefix). */
export type TermForm = { kind: 'han'; text: string } | { kind: 'words'; words: string[]; prefix: boolean };

/** A term of an analysed query. `kind` and `text` are what the user typed, Simplified and folded. */
export interface SearchTerm {
  kind: QueryTerm['kind'];
  text: string;
  /** The forms looked for in the name, keywords (labels included) and summary; the first is the term as typed. */
  forms: TermForm[];
  /** Pinyin tokens looked for in the pinyin of names and county labels (a word of letters; `v` read as `ü`). */
  pinyin: string[];
  /** The last term of the query: the word being typed, completed by prefix. */
  last: boolean;
  /** Forms found from the index's vocabulary at one or two typos; filled by the engine. */
  typos?: TermForm[];
}

/** An analysed query. `blank`: the user typed something, but nothing that can be searched (punctuation only). */
export interface AnalysedQuery {
  terms: SearchTerm[];
  blank: boolean;
}

function formOf(text: SynonymText): TermForm {
  return text.kind === 'han' ? { kind: 'han', text: text.text } : { kind: 'words', words: text.words, prefix: false };
}

/** A form and, for one English word, its stem. */
function withStem(form: TermForm): TermForm[] {
  if (form.kind !== 'words' || form.words.length !== 1) return [form];
  const [word = ''] = form.words;
  if (!/^[a-z]+$/.test(word) || word.length < MIN_STEMMED || stemmer(word) === word) return [form];
  return [form, { kind: 'words', words: [stemmer(word)], prefix: false }];
}

function synonymTerm(entry: SynonymEntry, typed: string, kind: QueryTerm['kind'], last: boolean): SearchTerm {
  const first = formOf(entry.key);
  const also = entry.also.map(formOf);
  // The word being typed is still completed by prefix when it is also a synonym (`lab` → `labor…`).
  const typedForm: TermForm = last && first.kind === 'words' && first.words.length === 1 ? { ...first, prefix: true } : first;
  const forms = [typedForm, ...also].flatMap(withStem);
  const pinyin = kind === 'word' && /^[a-z]+$/.test(typed) ? [typed] : [];
  return { kind, text: typed, forms, pinyin, last };
}

/** A word's term: the word (by prefix when last), its stem, and its pinyin readings. */
function wordTerm(word: string, last: boolean): SearchTerm {
  const forms: TermForm[] = [{ kind: 'words', words: [word], prefix: last }];
  if (/^[a-z]+$/.test(word) && word.length >= MIN_STEMMED) {
    const stem = stemmer(word);
    if (stem !== word) forms.push({ kind: 'words', words: [stem], prefix: false });
  }
  const pinyin = /^[a-z]+$/.test(word) ? [word] : [];
  const withU = word.replace(/([ln])v/g, '$1u');
  if (pinyin.length && withU !== word) pinyin.push(withU);
  return { kind: 'word', text: word, forms, pinyin, last };
}

function hanTerm(text: string): SearchTerm {
  return { kind: 'han', text, forms: [{ kind: 'han', text }], pinyin: [], last: false };
}

/** The terms of a run of Chinese: synonym keys found in it whole, the rest cut into words. */
function runTerms(run: string, synonyms: SynonymTable): SearchTerm[] {
  for (const entry of synonyms.han) {
    const key = (entry.key as { text: string }).text;
    const at = run.indexOf(key);
    if (at < 0) continue;
    const before = run.slice(0, at);
    const after = run.slice(at + key.length);
    return [...(before ? runTerms(before, synonyms) : []), synonymTerm(entry, key, 'han', false), ...(after ? runTerms(after, synonyms) : [])];
  }
  return segmentRun(run).map(hanTerm);
}

/**
 * Loads the analysis's dictionaries now (jieba's and OpenCC's, about 0.3 s), so a server's first search does not
 * wait for them. A process that only indexes (an import's worker) never loads them.
 */
export function prepareAnalysis(): void {
  prepareSegmenter();
  toSimplified('國');
}

/** Analyses a query with the current synonym table. */
export function analyseQuery(q: string, synonyms: SynonymTable): AnalysedQuery {
  const tokens = queryTerms(q);
  const terms: SearchTerm[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === undefined) break;
    if (token.kind === 'han') {
      terms.push(...runTerms(token.text, synonyms));
      continue;
    }
    const entry = synonyms.wordsAt(tokens, i);
    if (entry && entry.key.kind === 'words') {
      const n = entry.key.words.length;
      terms.push(synonymTerm(entry, entry.key.words.join(' '), 'word', i + n - 1 === tokens.length - 1));
      i += n - 1;
      continue;
    }
    terms.push(wordTerm(token.text, i === tokens.length - 1));
  }
  return { terms: unique(terms), blank: terms.length === 0 && q.trim().length > 0 };
}

/** Terms without repeats, at most 16: more only slow a search down without narrowing it usefully. */
function unique(terms: SearchTerm[]): SearchTerm[] {
  const seen = new Set<string>();
  const out: SearchTerm[] = [];
  for (const term of terms) {
    if (seen.has(term.kind + term.text) || out.length >= 16) continue;
    seen.add(term.kind + term.text);
    out.push(term);
  }
  return out;
}

/** The plain terms of an analysed query (what highlights look for): every form's text, and typo corrections used. */
export function highlightTerms(terms: SearchTerm[]): QueryTerm[] {
  const out: QueryTerm[] = [];
  for (const term of terms) {
    for (const form of [...term.forms, ...(term.typos ?? [])]) {
      if (form.kind === 'han') out.push({ kind: 'han', text: form.text });
      else for (const word of form.words) out.push({ kind: 'word', text: word });
    }
  }
  return out;
}
