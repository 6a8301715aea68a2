/**
 * The labels of the codes a listing carries (county, industry fields, kind, level…: every facet but the collection), in both
 * languages: searchable text, so typing `专家学者` or `奇台县` finds the listings that carry the code, and a query
 * that is exactly a label is offered as a filter.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FACET_BY_PARAM, FACET_PARAMS, type FacetParam } from '../../server/collections/facets.js';
import { LOCALES_DIR } from '../../server/core/paths.js';
import { stemmer } from 'stemmer';
import { fold, toSimplified } from './analysis.js';

/** The facet parameters whose codes have searchable labels (the collection is what a search is over, not a label). */
export const LABELLED_PARAMS: readonly FacetParam[] = FACET_PARAMS.filter((p) => p !== 'collection');
type Labels = Record<string, Record<string, string>>;

let cache: { zh: Labels; en: Labels } | null = null;

function labels(): { zh: Labels; en: Labels } {
  const read = (lang: string) => JSON.parse(readFileSync(join(LOCALES_DIR, lang, 'vocab.json'), 'utf8')) as Labels;
  cache ??= { zh: read('zh'), en: read('en') };
  return cache;
}

/** The label of a code in one language ('' when it has none). */
export function codeLabel(lang: 'zh' | 'en', param: FacetParam, code: string): string {
  return labels()[lang][FACET_BY_PARAM[param].labelGroup]?.[code] ?? '';
}

/** The labels of every code a document carries, Chinese and English, each joined by spaces. */
export function labelText(codes: Partial<Record<FacetParam, string[]>>): { zh: string; en: string } {
  const zh: string[] = [];
  const en: string[] = [];
  for (const param of LABELLED_PARAMS) {
    for (const code of codes[param] ?? []) {
      zh.push(codeLabel('zh', param, code));
      en.push(codeLabel('en', param, code));
    }
  }
  return { zh: zh.filter(Boolean).join(' '), en: en.filter(Boolean).join(' ') };
}

/** A label reduced to what a user would type: Simplified, folded, words stemmed, without spaces and punctuation. */
function typed(text: string): string {
  return fold(toSimplified(text.normalize('NFKC')))
    .split(/[^\p{L}\p{N}]+/u)
    .map((word) => (/^[a-z]+$/.test(word) ? stemmer(word) : word))
    .join('');
}

let index: Map<string, { param: FacetParam; code: string }[]> | null = null;

/** The codes whose zh or en label is exactly the query (`院士`, `Qitai County`, `奇台县`, `奇台`). */
export function codesLabelled(q: string): { param: FacetParam; code: string }[] {
  if (!index) {
    index = new Map();
    for (const lang of ['zh', 'en'] as const) {
      for (const param of LABELLED_PARAMS) {
        for (const [code, label] of Object.entries(labels()[lang][FACET_BY_PARAM[param].labelGroup] ?? {})) {
          const keys = new Set([typed(label)]);
          // A county is typed without its 市/县 as often as with it.
          if (param === 'county' && lang === 'zh') keys.add(typed(label.replace(/(市|县)$/, '')));
          for (const key of keys) {
            const list = index.get(key) ?? [];
            if (!list.some((c) => c.param === param && c.code === code)) list.push({ param, code });
            index.set(key, list);
          }
        }
      }
    }
  }
  return index.get(typed(q)) ?? [];
}
