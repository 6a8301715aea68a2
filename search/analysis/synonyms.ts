/**
 * Synonyms and abbreviations as the query analysis uses them: each rule's terms analysed like query text, so a
 * term is found inside a run of Chinese (`院士站专家`) or as a sequence of words (`research and development`).
 */
import { stemmer } from 'stemmer';
import { MIN_STEMMED, queryTerms, type QueryTerm } from './analysis.js';
import { addWords } from './segment.js';

/** One rule: `equivalent` terms all find each other; `oneway`: terms[0] also finds terms[1..]. */
export interface SynonymRule {
  kind: 'equivalent' | 'oneway';
  terms: string[];
}

/** Where the rules come from (the store staff edit); `version` changes whenever any rule changes. */
export interface SynonymSource {
  snapshot(): { version: number; synonyms: SynonymRule[] };
}

/** A synonym term as query text analyses it: a run of Chinese, or a sequence of folded words. */
export type SynonymText = { kind: 'han'; text: string } | { kind: 'words'; words: string[] };

/** What a matched term also finds. */
export interface SynonymEntry {
  key: SynonymText;
  also: SynonymText[];
}

/** The analysed form of a term, or null when it mixes Chinese and other words (such a term is not matched). */
function analyse(term: string): SynonymText | null {
  const parts = queryTerms(term);
  const [first] = parts;
  if (!first) return null;
  if (parts.every((p) => p.kind === 'word')) return { kind: 'words', words: parts.map((p) => p.text) };
  if (parts.length === 1 && first.kind === 'han') return { kind: 'han', text: first.text };
  return null;
}

function keyOf(text: SynonymText): string {
  return text.kind === 'han' ? `h:${text.text}` : `w:${text.words.join(' ')}`;
}

/** The rules of one snapshot, ready to match query terms against. */
export class SynonymTable {
  /** Chinese keys, longest first, so `院士专家工作站` wins over `工作站`. */
  readonly han: SynonymEntry[] = [];
  /** Word keys by their first word, and by its stem. */
  readonly words = new Map<string, SynonymEntry[]>();
  private readonly byStem = new Map<string, SynonymEntry[]>();
  private readonly entries = new Map<string, SynonymEntry>();

  constructor(rules: SynonymRule[]) {
    for (const rule of rules) {
      const texts = rule.terms.map(analyse);
      const from = rule.kind === 'oneway' ? [0] : texts.map((_, i) => i);
      for (const i of from) {
        const key = texts[i];
        if (!key) continue;
        const also = texts.filter((t, j): t is SynonymText => t !== null && j !== i);
        this.entry(key).also.push(...also);
      }
    }
    for (const entry of this.entries.values()) {
      if (entry.key.kind === 'han') this.han.push(entry);
      else {
        const [first = ''] = entry.key.words;
        this.words.set(first, [...(this.words.get(first) ?? []), entry]);
        if (stemOf(first) !== first) this.byStem.set(stemOf(first), [...(this.byStem.get(stemOf(first)) ?? []), entry]);
      }
    }
    this.han.sort((a, b) => (b.key as { text: string }).text.length - (a.key as { text: string }).text.length);
    for (const list of [...this.words.values(), ...this.byStem.values()]) list.sort((a, b) => wordCount(b) - wordCount(a));
    addWords(this.han.map((entry) => (entry.key as { text: string }).text));
  }

  private entry(key: SynonymText): SynonymEntry {
    const id = keyOf(key);
    let entry = this.entries.get(id);
    if (!entry) this.entries.set(id, (entry = { key, also: [] }));
    return entry;
  }

  /** The longest word entry that the words from `start` begin with (a plural matches its singular: `centres`). */
  wordsAt(tokens: QueryTerm[], start: number): SynonymEntry | undefined {
    const first = tokens[start]?.text;
    if (first === undefined) return undefined;
    const candidates = [...(this.words.get(first) ?? []), ...(this.byStem.get(stemOf(first)) ?? [])];
    return candidates.find((entry) => {
      const words = (entry.key as { words: string[] }).words;
      return words.every((word, i) => {
        const token = tokens[start + i];
        return token?.kind === 'word' && sameWord(token.text, word);
      });
    });
  }
}

function stemOf(word: string): string {
  return /^[a-z]+$/.test(word) && word.length >= MIN_STEMMED ? stemmer(word) : word;
}

/** The same word, or two inflections of one (`centre`, `centres`). */
function sameWord(a: string, b: string): boolean {
  return a === b || stemOf(a) === stemOf(b);
}

function wordCount(entry: SynonymEntry): number {
  return entry.key.kind === 'words' ? entry.key.words.length : 1;
}

/** Keeps the table of the source's current snapshot, rebuilt only when its version changes. */
export class SynonymCache {
  private version = -1;
  private table = new SynonymTable([]);

  constructor(private readonly source: SynonymSource | undefined) {}

  current(): SynonymTable {
    if (!this.source) return this.table;
    const snapshot = this.source.snapshot();
    if (snapshot.version !== this.version) {
      this.table = new SynonymTable(snapshot.synonyms);
      this.version = snapshot.version;
    }
    return this.table;
  }
}

/** The terms of a rule as Meilisearch compares them: folded and Simplified, as query text is. */
function meiliTerm(term: string): string {
  return queryTerms(term).map((t) => t.text).join(' ');
}

/** Meilisearch's `synonyms` setting for the same rules: each term → the terms it also finds. */
export function meiliSynonyms(rules: SynonymRule[]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const rule of rules) {
    const terms = [...new Set(rule.terms.map(meiliTerm).filter(Boolean))];
    const from = rule.kind === 'oneway' ? terms.slice(0, 1) : terms;
    for (const term of from) {
      const found = (out[term] ??= new Set());
      for (const other of terms) if (other !== term && (rule.kind === 'equivalent' || other !== terms[0])) found.add(other);
    }
  }
  return Object.fromEntries(Object.entries(out).filter(([, also]) => also.size).map(([term, also]) => [term, [...also]]));
}

/** Meilisearch's `dictionary` setting: the local words and every Chinese synonym term, kept whole by its segmenter. */
export function meiliDictionary(rules: SynonymRule[], local: string[]): string[] {
  const han = rules.flatMap((rule) => rule.terms.map(meiliTerm)).filter((term) => /^\p{Script=Han}{2,}$/u.test(term));
  return [...new Set([...local, ...han])].sort();
}
